using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;
using Xunit.Abstractions;

namespace CleanAssistant.WebApi.Tests.Fuzz;

/// <summary>
/// Throws thousands of random and malformed GraphQL requests and graphql-transport-ws frames (see
/// <see cref="GraphQLFuzzer"/>) at the real server in memory, signed in and not. Every answer must be a GraphQL
/// result or error (never a 500, never INTERNAL), nothing may hang, memory must not grow, and the server must
/// still answer a normal query at the end.
/// </summary>
[Collection(nameof(GraphQLFuzzTests))]
public sealed class GraphQLFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261127;
    private const int Workers = 4;
    private const int WarmUpHttpRequests = 1500;
    private const int WarmUpWebSocketFrames = 500;
    private const int HttpRequests = 1500;
    private const int WebSocketFrames = 500;
    private const int FramesPerConnection = 10;
    private const long MaxMemoryGrowthBytes = 50L * 1024 * 1024;
    private const int MeasuredRuns = 3;

    /// <summary>A request that takes longer than this counts as hung.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> ServerMessageTypes = ["connection_ack", "next", "error", "complete", "ping", "pong"];

    private static readonly HashSet<int> CloseCodes = [1000, 1009, 4400, 4401, 4403, 4408, 4409, 4429];

    private readonly ConcurrentQueue<string> _failures = new();

    [Fact]
    public async Task RandomAndMalformedRequestsAndFrames_GetGraphQLAnswers_NeverHang_AndLeaveTheServerWorking()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new()
        {
            ["GraphQL:WebSocket:MaxMessageBytes"] = $"{64 * 1024}",
            ["GraphQL:WebSocket:ConnectionInitTimeout"] = "00:00:02",

            // Thousands of requests from one address in a minute: the rate limits would answer most of them with 429
            // before the parser sees them (their own tests are in RateLimiting/).
            ["RateLimits:Enabled"] = "false",
        });
        var user = await api.SignUpAsync("fuzz@example.com");
        using var anonymous = api.CreateClient();
        using var signedIn = api.CreateClient(user);
        anonymous.Timeout = signedIn.Timeout = Patience;

        // The warm-up sends the same sequence as the runs, so the caches and buffer pools (ArrayPool, ASP.NET's,
        // GraphQL's) already hold what a run needs: memory rises over the first few thousand requests and then
        // stays flat. A leak grows the heap by about the same amount on every run; pools and caches that settle late
        // (per-thread buffers as the thread pool grows) make one run's figure jump now and then. So the same run goes
        // three times and the smallest growth between two of them must stay under the bound.
        await RunAsync(api, user, anonymous, signedIn, Seed, WarmUpHttpRequests, WarmUpWebSocketFrames);
        var heap = new List<long> { GC.GetTotalMemory(forceFullCollection: true) };
        for (var run = 0; run < MeasuredRuns; run++)
        {
            await RunAsync(api, user, anonymous, signedIn, Seed, HttpRequests, WebSocketFrames);
            heap.Add(GC.GetTotalMemory(forceFullCollection: true));
        }

        _failures.ShouldBeEmpty($"{_failures.Count} failures, the first ones:\n" + string.Join("\n", _failures.Take(15)));
        var me = await signedIn.GraphQLAsync("{ me { email } }");
        me["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe("fuzz@example.com");
        output.WriteLine($"Heap after the warm-up and after each run: {string.Join(", ", heap.Select(h => $"{h / 1024 / 1024} MB"))}.");
        heap.Zip(heap.Skip(1), (before, after) => after - before).Min().ShouldBeLessThan(MaxMemoryGrowthBytes, "a run that leaves the heap no bigger");
    }

    private async Task RunAsync(ApiFactory api, ApiUser user, HttpClient anonymous, HttpClient signedIn, int seed, int requests, int frames)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var fuzzer = new GraphQLFuzzer(seed * 31 + worker);
            for (var i = 0; i < requests / Workers; i++)
            {
                await SendAsync(fuzzer.NextRequest(), anonymous, signedIn);
            }
        })));
        output.WriteLine($"{requests} HTTP requests took {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s.");

        started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var fuzzer = new GraphQLFuzzer(seed * 37 + worker);
            for (var i = 0; i < frames / Workers / FramesPerConnection; i++)
            {
                await ConverseAsync(api, user, fuzzer);
            }
        })));
        output.WriteLine($"{frames} WebSocket frames took {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s.");
    }

    private async Task SendAsync(FuzzRequest fuzz, HttpClient anonymous, HttpClient signedIn)
    {
        using var request = new HttpRequestMessage(fuzz.Method, fuzz.Url);
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        if (fuzz.Accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", fuzz.Accept);
        }

        if (fuzz.Preflight)
        {
            request.Headers.Add("GraphQL-Preflight", "1");
        }

        try
        {
            using var response = await (fuzz.SignedIn ? signedIn : anonymous).SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var problem = status >= 500 ? "a server error" : CheckHttpBody(fuzz, response.Content.Headers.ContentType, body);
            if (problem is not null)
            {
                Fail($"{fuzz.What}: {problem}; {status} {Shorten(body)}");
            }
        }
        catch (TaskCanceledException)
        {
            Fail($"{fuzz.What}: no answer within {Patience.TotalSeconds} s");
        }
    }

    private static string? CheckHttpBody(FuzzRequest fuzz, MediaTypeHeaderValue? contentType, string body)
    {
        if (fuzz.Method == HttpMethod.Head)
        {
            return null;
        }

        if (contentType?.MediaType == "text/html")
        {
            // The IDE page, for a browser's GET without a query.
            return fuzz.Method == HttpMethod.Get && !fuzz.Url.Contains("query=", StringComparison.Ordinal) ? null : "HTML instead of a GraphQL answer";
        }

        return CheckGraphQLResponse(body);
    }

    /// <summary>A GraphQL response: an object with data or a non-empty errors list, each error with a message and never INTERNAL.</summary>
    private static string? CheckGraphQLResponse(string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return "not JSON";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "not a JSON object";
        }

        if (root.TryGetProperty("errors", out var errors))
        {
            return CheckErrors(errors);
        }

        return root.TryGetProperty("data", out _) ? null : "neither data nor errors";
    }

    private static string? CheckErrors(JsonElement errors)
    {
        if (errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return "errors is not a non-empty list";
        }

        foreach (var error in errors.EnumerateArray())
        {
            if (!error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return "an error without a message";
            }

            if (error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code) && code.GetString() == "INTERNAL")
            {
                return "an INTERNAL error";
            }
        }

        return null;
    }

    /// <summary>One connection: a few random frames, then a close; every message back is checked, and the connection must end.</summary>
    private async Task ConverseAsync(ApiFactory api, ApiUser user, GraphQLFuzzer fuzzer)
    {
        using var patience = new CancellationTokenSource(Patience);
        WebSocket socket;
        try
        {
            socket = await api.ConnectWebSocketAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            Fail($"WebSocket: could not connect: {exception.Message}");
            return;
        }

        using (socket)
        {
            var sent = new List<string>();
            var receiving = ReceiveAllAsync(socket, sent, patience.Token);
            string? lastId = null;
            for (var i = 0; i < FramesPerConnection && socket.State == WebSocketState.Open; i++)
            {
                var frame = fuzzer.NextFrame(lastId);
                lastId = $"op{i}";
                sent.Add(frame.What);
                var bytes = Encoding.UTF8.GetString(frame.Bytes).Contains("{{TOKEN}}", StringComparison.Ordinal)
                    ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(frame.Bytes).Replace("{{TOKEN}}", user.AccessToken, StringComparison.Ordinal))
                    : frame.Bytes;
                try
                {
                    var type = frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
                    if (frame.Fragmented && bytes.Length > 1)
                    {
                        await socket.SendAsync(bytes.AsMemory(0, bytes.Length / 2), type, endOfMessage: false, patience.Token);
                        await socket.SendAsync(bytes.AsMemory(bytes.Length / 2), type, endOfMessage: true, patience.Token);
                    }
                    else
                    {
                        await socket.SendAsync(bytes, type, endOfMessage: true, patience.Token);
                    }
                }
                catch (Exception exception) when (exception is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
                {
                    break; // The server closed the connection meanwhile.
                }
                catch (OperationCanceledException)
                {
                    Fail($"WebSocket: sending '{frame.What}' hung after {string.Join(", ", sent)}");
                    return;
                }
            }

            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, patience.Token);
                }
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                // Closed by the server meanwhile.
            }
            catch (OperationCanceledException)
            {
                // Reported by the receive loop below.
            }

            await receiving;
        }
    }

    private async Task ReceiveAllAsync(WebSocket socket, List<string> sent, CancellationToken patience)
    {
        var buffer = new byte[256 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, patience);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.CloseStatus is not { } status || !CloseCodes.Contains((int)status))
                    {
                        Fail($"WebSocket: closed with {socket.CloseStatus} {socket.CloseStatusDescription} after {string.Join(", ", sent)}");
                    }

                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var problem = received.MessageType == WebSocketMessageType.Text ? CheckServerMessage(message.ToArray()) : "a binary message";
                message.SetLength(0);
                if (problem is not null)
                {
                    Fail($"WebSocket: {problem} after {string.Join(", ", sent)}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            Fail($"WebSocket: the connection did not end within {Patience.TotalSeconds} s after {string.Join(", ", sent)}");
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            Fail($"WebSocket: the connection broke ({exception.Message}) after {string.Join(", ", sent)}");
        }
    }

    private static string? CheckServerMessage(byte[] bytes)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(bytes).RootElement;
        }
        catch (JsonException)
        {
            return "a message that is not JSON";
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || !ServerMessageTypes.Contains(type.GetString() ?? string.Empty))
        {
            return $"an unknown message {Shorten(Encoding.UTF8.GetString(bytes))}";
        }

        return type.GetString() switch
        {
            "next" => root.TryGetProperty("payload", out var result) ? CheckGraphQLResponse(result.GetRawText()) : "next without payload",
            "error" => root.TryGetProperty("payload", out var errors) ? CheckErrors(errors) : "error without payload",
            _ => null,
        };
    }

    private void Fail(string failure)
    {
        _failures.Enqueue(failure);
        output.WriteLine(failure);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>Runs the fuzz test alone, so other tests' servers in the same process do not blur its memory measurement.</summary>
[CollectionDefinition(nameof(GraphQLFuzzTests), DisableParallelization = true)]
public sealed class GraphQLFuzzCollection;
