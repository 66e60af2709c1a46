using System.Text;
using System.Text.Json;

namespace CleanAssistant.WebApi.Tests.Fuzz;

/// <summary>One HTTP request the fuzzer sends, and what it is, for the failure message.</summary>
public sealed record FuzzRequest(string What, HttpMethod Method, string Url, byte[]? Body, string? ContentType, string? Accept, bool SignedIn, bool Preflight);

/// <summary>One WebSocket frame the fuzzer sends.</summary>
public sealed record FuzzFrame(string What, byte[] Bytes, bool Binary, bool Fragmented);

/// <summary>
/// Seeded generator of GraphQL requests and graphql-transport-ws frames: valid operations of the real schema, then
/// mutations of them (truncated, nested deep, aliased thousands of times, unknown fields, huge strings, wrong
/// variables), wrong JSON shapes, invalid UTF-8, odd content types, methods and Accept headers. The same seed
/// gives the same sequence.
/// </summary>
public sealed class GraphQLFuzzer(int seed)
{
    private const string Window = """from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z" """;

    private static readonly (string Query, object? Variables)[] ValidOperations =
    [
        ("{ me { id email displayName } }", null),
        ($"{{ calendars {{ id name events({Window}, first: 10) {{ nodes {{ id title start end calendar {{ name }} }} pageInfo {{ hasNextPage endCursor }} }} }} }}", null),
        ("query Window($f: DateTime!, $t: DateTime!, $n: Int) { events(from: $f, to: $t, first: $n) { nodes { id title } } }", new { f = "2026-01-01T00:00:00Z", t = "2026-02-01T00:00:00Z", n = 5 }),
        ("query($s: DateTime!, $e: DateTime!) { conflicts(start: $s, end: $e) { id title } }", new { s = "2026-01-05T10:00:00Z", e = "2026-01-05T11:00:00Z" }),
        ("mutation($input: CreateCalendarInput!) { createCalendar(input: $input) { calendar { id name } errors { code message } } }", new { input = new { name = "Fuzz" } }),
        ("mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } errors { code message field } } }", new { input = new { title = "Fuzz", start = "2026-01-05T10:00:00Z", end = "2026-01-05T11:00:00Z", timeZone = "Europe/Berlin" } }),
        ("mutation($id: ID!) { deleteEvent(input: { id: $id }) { errors { code message } } }", new { id = "RXZlbnQ6bm9wZQ==" }),
        ("query($id: ID!) { event(id: $id) { id title } }", new { id = "not-an-id" }),
        ("{ reminders(first: 3) { id } voiceHistory(first: 2) { id } conversations(first: 2) { id } }", null),
        ("{ users(first: 2) { nodes { id } } }", null),
        ("{ __schema { queryType { name } types { name kind } } }", null),
        ("{ __typename }", null),
        ("subscription { calendarChanged { kind eventId } }", null),
        ("mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } errors { code message field } } }", new { input = new { email = "not an email", password = "x", displayName = "", timeZone = "Mars/Olympus" } }),
    ];

    private static readonly string[] Methods = ["POST", "POST", "POST", "POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
        "application/graphql-response+json", "text/plain", "application/graphql", "application/x-www-form-urlencoded",
        "multipart/form-data", "multipart/form-data; boundary=xyz", "multipart/form-data; boundary=", "application/json; charset=latin1",
        "application/json; charset", "garbage/;;;", ";", "", null, "application/json; boundary=\"", "text/html",
    ];

    private static readonly string?[] Accepts =
    [
        "application/json", "application/graphql-response+json", null, "*/*", "text/html", "application/xml", "garbage",
        "application/json;q=0", "application/graphql-response+json;q=0.5, application/json;q=0.9", ";;;", "text/*", "application/*",
    ];

    private static readonly string[] Junk = ["{", "}", "(", ")", "[", "]", "\"", "\\", "$", "@", "...", ":", "!", "#", "\u0000", "\uFFFF", "é", "😀", "\n", " ", "'", "on", "fragment", "query", "=", ",", "1e999", "-0", "\"\"\"", "__"];

    private readonly Random _random = new(seed);

    public FuzzRequest NextRequest()
    {
        var method = Pick(Methods);
        var signedIn = _random.Next(2) == 0;
        var accept = Pick(Accepts);
        var (what, query, variablesJson) = NextDocument();
        if (method == "GET")
        {
            var url = "/graphql?query=" + Uri.EscapeDataString(query)
                + (variablesJson is null ? string.Empty : "&variables=" + Uri.EscapeDataString(variablesJson))
                + (_random.Next(6) == 0 ? "&query=" + Uri.EscapeDataString("{ __typename }") : string.Empty)
                + (_random.Next(6) == 0 ? "&documentId=" + Uri.EscapeDataString(RandomText(70)) : string.Empty)
                + (_random.Next(6) == 0 ? "&extensions=" + Uri.EscapeDataString(RandomText(20)) : string.Empty);
            if (_random.Next(10) == 0)
            {
                url = "/graphql?" + RandomText(40);
            }

            // Kestrel refuses request lines over 8 KB (414) before the app sees them; the in-memory server does not.
            return new FuzzRequest($"GET {what}", HttpMethod.Get, url.Length <= 8000 ? url : url[..8000], null, null, accept, signedIn, Preflight: false);
        }

        var (shape, body) = NextBody(query, variablesJson);
        var contentType = Pick(ContentTypes);
        if (contentType?.StartsWith("multipart", StringComparison.Ordinal) == true && _random.Next(2) == 0)
        {
            (shape, body, contentType) = NextMultipart(query);
        }

        return new FuzzRequest($"{method} {what} / {shape} / {contentType}", new HttpMethod(method), "/graphql", body, contentType, accept, signedIn, Preflight: _random.Next(3) != 0);
    }

    public FuzzFrame NextFrame(string? lastId)
    {
        var id = _random.Next(4) switch
        {
            0 when lastId is not null => lastId,
            1 => RandomText(_random.Next(0, 10)),
            _ => $"op{_random.Next(1000)}",
        };
        var (_, query, variablesJson) = NextDocument();
        var variables = variablesJson is null ? "null" : variablesJson;
        var (what, text) = _random.Next(22) switch
        {
            0 or 1 => ("init", """{"type":"connection_init","payload":{"Authorization":"Bearer {{TOKEN}}"}}"""),
            2 => ("init with a bad token", """{"type":"connection_init","payload":{"Authorization":"Bearer nope"}}"""),
            3 => ("init with an odd payload", $$"""{"type":"connection_init","payload":{{RandomJson(3)}}}"""),
            4 or 5 or 6 or 7 => ("subscribe", $$$"""{"id":{{{JsonSerializer.Serialize(id)}}},"type":"subscribe","payload":{"query":{{{JsonSerializer.Serialize(query)}}},"variables":{{{variables}}}}}"""),
            8 => ("subscribe with an odd payload", $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"subscribe","payload":{{RandomJson(3)}}}"""),
            9 => ("subscribe without an id", $$$"""{"type":"subscribe","payload":{"query":{{{JsonSerializer.Serialize(query)}}}}}"""),
            10 => ("subscribe with a document id", $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"subscribe","payload":{"documentId":{{JsonSerializer.Serialize(RandomText(70))}},"extensions":{"persistedQuery":{{RandomJson(2)}}""" + "}}}"),
            11 => ("complete", $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"complete"}"""),
            12 => ("ping", """{"type":"ping","payload":{"x":1}}"""),
            13 => ("pong", """{"type":"pong"}"""),
            14 => ("unknown type", $$"""{"type":{{RandomJson(1)}},"id":"1"}"""),
            15 => ("no type", """{"id":"1","payload":{}}"""),
            16 => ("bad JSON", Truncate("""{"type":"subscribe","id":"1","payload":{"query":"{ me { id } }"}}""")),
            17 => ("not an object", RandomJson(3)),
            18 => ("random text", RandomText(_random.Next(0, 200))),
            19 => ("huge", $$$"""{"type":"ping","payload":{"pad":"{{{new string('x', 80 * 1024)}}}"}}"""),
            _ => ("empty", string.Empty),
        };

        var bytes = Encoding.UTF8.GetBytes(text);
        var binary = _random.Next(25) == 0;
        if (_random.Next(20) == 0)
        {
            bytes = InvalidUtf8(bytes);
            what += " with invalid UTF-8";
        }

        return new FuzzFrame(what, bytes, binary, Fragmented: _random.Next(8) == 0);
    }

    private (string What, string Query, string? VariablesJson) NextDocument()
    {
        var (query, variables) = Pick(ValidOperations);
        var variablesJson = variables is null ? null : JsonSerializer.Serialize(variables);
        switch (_random.Next(16))
        {
            case 0 or 1 or 2 or 3:
                return ("valid", query, variablesJson);
            case 4:
                return ("truncated", query[.._random.Next(query.Length)], variablesJson);
            case 5:
                var depth = _random.Next(10, 1000);
                return ($"nested {depth}", string.Concat(Enumerable.Repeat("{ me ", depth)) + "{ id" + new string('}', _random.Next(depth + 2)), null);
            case 6:
                var aliases = _random.Next(50, 2000);
                return ($"{aliases} aliases", "{ " + string.Concat(Enumerable.Range(0, aliases).Select(i => $"a{i}: me {{ id }} ")) + "}", null);
            case 7:
                return ("unknown field", query.Insert(query.IndexOf('{', StringComparison.Ordinal) + 1, $" nope{_random.Next(100)} "), variablesJson);
            case 8:
                return ("junk inserted", Mangle(query), variablesJson);
            case 9:
                return ("wrong variables", query, RandomJson(4));
            case 10:
                var size = _random.Next(10) == 0 ? 1_100_000 : _random.Next(1000, 100_000);
                return ($"huge string {size}", $"{{ event(id: \"{new string('x', size)}\") {{ id }} }}", null);
            case 11:
                return ("directives", "{ me " + string.Concat(Enumerable.Repeat("@skip(if: false) ", _random.Next(1, 2000))) + "{ id } }", null);
            case 12:
                return ("fragment cycle", "fragment A on Query { ...B me { id } } fragment B on Query { ...A } { ...A }", null);
            case 13:
                return ("odd numbers", $"{{ reminders(first: {Pick(["99999999999999999999999", "-1", "0", "1e400", "2147483647", "-2147483648", "1.5", "\"ten\"", "null"])}) {{ id }} }}", null);
            case 14:
                return ("many operations", string.Concat(Enumerable.Range(0, _random.Next(2, 3000)).Select(i => $"query Q{i} {{ __typename }} ")), null);
            default:
                return ("fragments fan out", "fragment F on User { id email } { " + string.Concat(Enumerable.Range(0, _random.Next(2, 400)).Select(i => $"m{i}: me {{ ...F ...F }} ")) + "}", null);
        }
    }

    private (string Shape, byte[] Body) NextBody(string query, string? variablesJson)
    {
        var q = JsonSerializer.Serialize(query);
        var v = variablesJson ?? "null";
        var (shape, text) = _random.Next(20) switch
        {
            < 8 => ("object", $$"""{"query":{{q}},"variables":{{v}}}"""),
            8 => ("operationName", $$"""{"query":{{q}},"operationName":{{RandomJson(1)}}}"""),
            9 => ("variables of another shape", $$"""{"query":{{q}},"variables":{{RandomJson(3)}}}"""),
            10 => ("batch", $$"""[{"query":{{q}}},{"query":{{q}}}]"""),
            11 => ("not an object", RandomJson(4)),
            12 => ("query not a string", $$"""{"query":{{RandomJson(2)}}}"""),
            13 => ("truncated JSON", Truncate($$"""{"query":{{q}},"variables":{{v}}}""")),
            14 => ("document id", $$$"""{"documentId":{{{RandomJson(1)}}},"extensions":{"persistedQuery":{{{RandomJson(2)}}}}}"""),
            15 => ("deep JSON", new string('[', _random.Next(10, 2000)) + new string(']', _random.Next(0, 10))),
            16 => ("duplicate keys", $$$"""{"query":{{{q}}},"query":"{ __typename }","variables":{{{v}}},"variables":{}}"""),
            17 => ("extensions", $$"""{"query":{{q}},"extensions":{{RandomJson(3)}}}"""),
            18 => ("random bytes", RandomText(_random.Next(0, 500))),
            _ => ("over a MiB", $$"""{"query":{{q}},"pad":"{{new string(' ', 1024 * 1024)}}"}"""),
        };

        var body = Encoding.UTF8.GetBytes(text);
        if (_random.Next(12) == 0)
        {
            return (shape + " with invalid UTF-8", InvalidUtf8(body));
        }

        return _random.Next(20) == 0 ? (shape + " with BOM", [0xEF, 0xBB, 0xBF, .. body]) : (shape, body);
    }

    private (string Shape, byte[] Body, string ContentType) NextMultipart(string query)
    {
        var boundary = _random.Next(4) == 0 ? RandomText(10) : "fuzzboundary";
        var operations = _random.Next(3) == 0 ? RandomJson(3) : JsonSerializer.Serialize(new { query, variables = new { file = (object?)null } });
        var map = Pick(["""{"0":["variables.file"]}""", """{"0":["variables"]}""", """{"1":["variables.file"]}""", "[]", RandomJson(3), """{"0":["variables.file","variables.file"]}"""]);
        var parts = new StringBuilder();
        foreach (var (name, content) in new[] { ("operations", operations), ("map", map), ("0", RandomText(_random.Next(0, 3000))) }.Take(_random.Next(0, 4)))
        {
            parts.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"" + (name == "0" ? "; filename=\"a.ics\"" : string.Empty) + $"\r\n\r\n{content}\r\n");
        }

        if (_random.Next(3) != 0)
        {
            parts.Append($"--{boundary}--\r\n");
        }

        return ("multipart", Encoding.UTF8.GetBytes(parts.ToString()), $"multipart/form-data; boundary={(_random.Next(8) == 0 ? "\"" : boundary)}");
    }

    private string Mangle(string text)
    {
        var builder = new StringBuilder(text);
        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            var at = _random.Next(builder.Length + 1);
            switch (_random.Next(3))
            {
                case 0:
                    builder.Insert(at, Pick(Junk));
                    break;
                case 1 when at < builder.Length:
                    builder.Remove(at, Math.Min(_random.Next(1, 8), builder.Length - at));
                    break;
                default:
                    builder.Insert(at, Pick(Junk) + Pick(Junk));
                    break;
            }
        }

        return builder.ToString();
    }

    private string RandomJson(int depth)
    {
        var choice = _random.Next(depth <= 0 ? 7 : 9);
        return choice switch
        {
            0 => "null",
            1 => _random.Next(2) == 0 ? "true" : "false",
            2 => Pick(["0", "-1", "1.5", "1e308", "-1e-308", "12345678901234567890123", "2147483648"]),
            3 => JsonSerializer.Serialize(RandomText(_random.Next(0, 30))),
            4 => "\"2026-01-01T00:00:00Z\"",
            5 => "{}",
            6 => "[]",
            7 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(1, 4)).Select(_ => RandomJson(depth - 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, _random.Next(1, 4)).Select(_ => $"{JsonSerializer.Serialize(Pick(["query", "input", "f", "t", "id", "sha256Hash", "version", "Authorization", RandomText(5)]))}:{RandomJson(depth - 1)}")) + "}",
        };
    }

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = _random.Next(10) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0x80, 0x800),
                2 => Pick(['{', '}', '"', '\\', '$', '%', '&', '=', '?', '#', ';', '\'']),
                _ => (char)_random.Next(32, 127),
            };
        }

        return new string(chars);
    }

    private string Truncate(string text) => text[.._random.Next(text.Length)];

    private byte[] InvalidUtf8(byte[] bytes)
    {
        var invalid = Pick(new byte[][] { [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF] });
        var at = _random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. invalid, .. bytes[at..]];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
