using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Transport;

/// <summary>The real server with small limits (GraphQL:Limits, GraphQL:WebSocket), each broken on purpose.</summary>
public sealed class GraphQLLimitsTests(LimitedApi server) : IClassFixture<LimitedApi>
{
    private const string Window = """from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" """;

    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task ADocumentDeeperThanMaxDepth_IsRefusedWithQueryTooDeep()
    {
        var response = await _client.PostQueryAsync(Nested(["-", "-", "-", "-"]));

        response.FirstErrorCode.ShouldBe("QUERY_TOO_DEEP", response.ToString());
        response.HasData.ShouldBeFalse();
    }

    [Fact]
    public async Task ListsCostTheirFirstArgument_SoBigPagesOfNestedListsAreRefusedWithQueryTooComplex()
    {
        var small = await _client.PostQueryAsync(Nested(["2", "2", "2"]));
        var big = await _client.PostQueryAsync(Nested(["200", "200", "200"]));
        var negative = await _client.PostQueryAsync(Nested(["-200", "200", "200"]));

        small.FirstErrorCode.ShouldBe("UNAUTHENTICATED", "within the limits, it runs (and needs a user)");
        big.FirstErrorCode.ShouldBe("QUERY_TOO_COMPLEX", big.ToString());
        negative.FirstErrorCode.ShouldBe("QUERY_TOO_COMPLEX", "a negative page size makes nothing cheaper");
    }

    /// <summary>calendars { events(first: n) { nodes { calendar { events(first: m) { nodes { … id } } } } } }: three levels per page size ("-": none).</summary>
    private static string Nested(string[] pageSizes)
    {
        var query = "id";
        foreach (var first in pageSizes.Reverse())
        {
            var size = first == "-" ? string.Empty : $", first: {first}";
            query = $"calendar {{ events({Window}{size}) {{ nodes {{ {query} }} }} }}";
        }

        return $"{{ calendars {{ {query[(query.IndexOf('{', StringComparison.Ordinal) + 1)..^1].Trim()} }} }}";
    }

    [Fact]
    public async Task MoreFieldsThanMaxFields_AreRefusedWithTooManyFields()
    {
        var atLimit = await _client.PostQueryAsync("{ " + string.Concat(Enumerable.Repeat("__typename ", LimitedApi.MaxFields)) + "}");
        var overLimit = await _client.PostQueryAsync("{ " + string.Concat(Enumerable.Repeat("__typename ", LimitedApi.MaxFields + 1)) + "}");

        atLimit.Data.GetProperty("__typename").GetString().ShouldBe("Query");
        overLimit.FirstErrorCode.ShouldBe("TOO_MANY_FIELDS", overLimit.ToString());
        overLimit.HasData.ShouldBeFalse();
    }

    [Fact]
    public async Task MoreAliasesThanMaxAliases_AreRefusedWithTooManyAliases()
    {
        var atLimit = await _client.PostQueryAsync("{ " + string.Concat(Enumerable.Range(0, LimitedApi.MaxAliases).Select(i => $"a{i}: __typename ")) + "}");
        var overLimit = await _client.PostQueryAsync("{ " + string.Concat(Enumerable.Range(0, LimitedApi.MaxAliases + 1).Select(i => $"a{i}: __typename ")) + "}");

        atLimit.Data.GetProperty("a0").GetString().ShouldBe("Query");
        overLimit.FirstErrorCode.ShouldBe("TOO_MANY_ALIASES", overLimit.ToString());
    }

    [Fact]
    public async Task ABatchedRequest_IsRefusedSayingBatchingIsNotSupported()
    {
        var response = await _client.PostAsync("""[{"query":"{ __typename }"},{"query":"{ __typename }"}]""");

        response.Status.ShouldBe(400);
        response.FirstErrorCode.ShouldBe("BATCHING_NOT_SUPPORTED");
    }

    [Fact]
    public async Task ABodyOverTheConfiguredMaxRequestBytes_Gets413WithAGraphQLError()
    {
        var query = "{ __typename }" + new string(' ', LimitedApi.MaxRequestBytes);

        var response = await _client.PostQueryAsync(query);

        response.Status.ShouldBe(413);
        response.ContentType.ShouldStartWith("application/json");
        response.FirstErrorCode.ShouldBe("REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task AnUploadOverTheConfiguredMaxUploadBytes_Gets413()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("""{"query":"mutation($file: Upload!) { importCalendar(file: $file) { imported } }","variables":{"file":null}}"""), "operations" },
            { new StringContent("""{"0":["variables.file"]}"""), "map" },
            { new ByteArrayContent(new byte[LimitedApi.MaxUploadBytes + 1]), "0", "big.ics" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Add("GraphQL-Preflight", "1");

        using var response = await _client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FILE_TOO_LARGE");
    }

    [Fact]
    public async Task InputsTheFuzzTestFound_GetClearErrors_NotInternalOnes()
    {
        using var invalidUtf8Body = new ByteArrayContent([.. "{\"query\":\"{ __typename }\",\"operationName\":\""u8, 0xC3, .. "\"}"u8]);
        invalidUtf8Body.Headers.ContentType = new("application/json");
        using var formBody = new StringContent(new string('k', 5000) + "=v", Encoding.UTF8, "application/x-www-form-urlencoded");

        var invalidUtf8 = await _client.SendAsync(HttpMethod.Post, "/graphql", invalidUtf8Body, GraphQLHttpClient.Json);
        var duplicateVariable = await _client.PostAsync("""{"query":"query($a: Int) { __typename }","variables":{"a":1,"a":2}}""");
        var tooDeepToParse = await _client.PostQueryAsync(string.Concat(Enumerable.Repeat("{ me ", 500)) + new string('}', 500));
        var form = await _client.SendAsync(HttpMethod.Post, "/graphql", formBody, GraphQLHttpClient.Json);

        invalidUtf8.FirstErrorCode.ShouldBe("INVALID_JSON", invalidUtf8.ToString());
        duplicateVariable.FirstErrorCode.ShouldBe("INVALID_REQUEST", duplicateVariable.ToString());
        tooDeepToParse.FirstErrorCode.ShouldBe("QUERY_TOO_DEEP", tooDeepToParse.ToString());
        form.Status.ShouldBe(415, "a form body is not read by anyone before the endpoint refuses it");
    }

    [Fact]
    public async Task AWebSocketMessageOverMaxMessageBytes_ClosesWith1009()
    {
        using var socket = await server.Api.ConnectWebSocketAsync();
        var message = JsonSerializer.Serialize(new { type = "connection_init", payload = new { padding = new string('x', LimitedApi.MaxMessageBytes) } });

        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var closed = await socket.ReceiveAsync(new byte[1024], new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        closed.MessageType.ShouldBe(WebSocketMessageType.Close);
        socket.CloseStatus.ShouldBe(WebSocketCloseStatus.MessageTooBig);
    }

    [Fact]
    public async Task OneSubscriptionMoreThanMaxOperations_GetsTooManyOperations()
    {
        using var socket = await server.Api.ConnectWebSocketAsync();
        await socket.SendJsonAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + server.User.AccessToken } });
        (await socket.ReceiveJsonAsync()).GetProperty("type").GetString().ShouldBe("connection_ack");

        for (var i = 0; i <= LimitedApi.MaxOperations; i++)
        {
            await socket.SendJsonAsync(new { id = $"s{i}", type = "subscribe", payload = new { query = "subscription { calendarChanged { kind } }" } });
        }

        var refused = await socket.ReceiveJsonAsync();
        refused.GetProperty("id").GetString().ShouldBe($"s{LimitedApi.MaxOperations}", refused.ToString());
        refused.GetProperty("type").GetString().ShouldBe("error");
        refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TOO_MANY_OPERATIONS");
    }
}

/// <summary>The execution timeout, on the transport with a resolver that never finishes by itself.</summary>
public sealed class GraphQLTimeoutTests(TimeoutTransportTestHost host) : IClassFixture<TimeoutTransportTestHost>
{
    [Theory]
    [InlineData(GraphQLHttpClient.Json, 200)]
    [InlineData(GraphQLHttpClient.GraphQLResponse, 200)]
    public async Task AnOperationRunningLongerThanExecutionTimeout_IsCancelledWithTimeout(string accept, int status)
    {
        var response = await host.Client.PostQueryAsync("{ slow }", accept: accept);

        response.Status.ShouldBe(status, response.ToString());
        response.FirstErrorCode.ShouldBe("TIMEOUT");
        (await host.Client.PostQueryAsync("{ hello }")).Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
    }
}

public sealed class TimeoutTransportTestHost() : TransportTestHost(options => options.ExecutionTimeout = TimeSpan.FromSeconds(2));

/// <summary>The real server in memory with small limits and one signed-up user.</summary>
public sealed class LimitedApi : IAsyncLifetime
{
    public const int MaxFields = 40;
    public const int MaxAliases = 5;
    public const int MaxRequestBytes = 4096;
    public const int MaxUploadBytes = 2048;
    public const int MaxMessageBytes = 2048;
    public const int MaxOperations = 2;

    public ApiFactory Api { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ApiUser User { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await ApiFactory.CreateAsync(settings: new()
        {
            ["GraphQL:Limits:MaxFields"] = $"{MaxFields}",
            ["GraphQL:Limits:MaxAliases"] = $"{MaxAliases}",
            ["GraphQL:Limits:MaxRequestBytes"] = $"{MaxRequestBytes}",
            ["GraphQL:Limits:MaxUploadBytes"] = $"{MaxUploadBytes}",
            ["GraphQL:WebSocket:MaxMessageBytes"] = $"{MaxMessageBytes}",
            ["GraphQL:WebSocket:MaxOperations"] = $"{MaxOperations}",
        });
        Client = Api.CreateClient();
        User = await Api.SignUpAsync("limits@example.com");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
