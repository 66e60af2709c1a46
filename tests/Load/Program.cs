using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;

// Load test of live subscriptions: one server on this machine (embedded mode), N authenticated graphql-transport-ws
// connections each subscribed to calendarChanged, events created through GraphQL, and the time from the mutation
// being sent to every subscriber receiving it. Usage: dotnet run -c Release --project tests/Load -- [connections] [users] [rounds]
if (args is ["voice", .. var voiceArgs])
{
    return await CleanAssistant.Load.VoiceLatency.RunAsync(voiceArgs);
}

var connections = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var users = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
const string Password = "correct horse battery";

var work = Directory.CreateTempSubdirectory("cleanassistant-load-");
var settings = new Dictionary<string, string?>
{
    ["Database:Provider"] = "Sqlite",
    ["Database:ConnectionString"] = $"Data Source={Path.Combine(work.FullName, "load.db")}",
    ["Identity:KeysDirectory"] = Path.Combine(work.FullName, "keys"),
    ["Security:PasswordHashing:Iterations"] = "10000",
    ["Serilog:MinimumLevel:Default"] = "Warning",

    // The load is the point: the server's rate limits would refuse most of it.
    ["RateLimits:Enabled"] = "false",
};
Console.WriteLine($"Starting the server (SQLite in {work.FullName}) ...");
await using var server = await WebApiProcess.StartAsync(settings);
using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };

var tokens = new string[users];
for (var u = 0; u < users; u++)
{
    var email = $"load{u}@example.com";
    await http.PostAsJsonAsync("/graphql", new
    {
        query = "mutation($i: RegisterUserInput!) { registerUser(input: $i) { errors { code } } }",
        variables = new { i = new { email, password = Password, displayName = $"Load {u}", timeZone = "Europe/Berlin" } },
    });
    using var tokenResponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "password",
        ["client_id"] = "cleanassistant-app",
        ["username"] = email,
        ["password"] = Password,
        ["scope"] = "api",
    }));
    tokens[u] = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
}

var serverPid = ServerPid(server);
var rssBefore = Rss(serverPid);
var roundStart = new long[users];
var latencies = new ConcurrentBag<double>();
var received = new int[users];
var sockets = new ConcurrentBag<ClientWebSocket>();
var opened = 0;
var failed = 0;
var firstError = string.Empty;
var clock = Stopwatch.StartNew();
using (var gate = new SemaphoreSlim(64))
{
    var opening = Enumerable.Range(0, connections).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            var socket = await OpenAsync(server.Address, tokens[i % users]);
            sockets.Add(socket);
            _ = ReceiveAsync(socket, i % users);
            if (Interlocked.Increment(ref opened) % 1000 == 0)
            {
                Console.WriteLine($"  {opened} subscribed ({clock.Elapsed.TotalSeconds:0.0} s)");
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or InvalidOperationException or HttpRequestException or OperationCanceledException)
        {
            if (Interlocked.Increment(ref failed) == 1)
            {
                firstError = exception.Message;
            }
        }
        finally
        {
            gate.Release();
        }
    }).ToList();
    await Task.WhenAll(opening);
}

Console.WriteLine($"Opened {opened} subscriptions in {clock.Elapsed.TotalSeconds:0.0} s; {failed} failed{(failed > 0 ? $" (first: {firstError})" : string.Empty)}");
await Task.Delay(TimeSpan.FromSeconds(3));
GC.Collect();
var rssAfter = Rss(serverPid);

var perUser = new int[users];
for (var i = 0; i < opened; i++)
{
    perUser[i % users]++;
}

var start = new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);
for (var round = 0; round < rounds; round++)
{
    for (var u = 0; u < users; u++)
    {
        Volatile.Write(ref received[u], 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[u]);
        var when = start.AddHours((round * users) + u).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        request.Content = JsonContent.Create(new { query = $"mutation {{ createEvent(input: {{ title: \"Load {round}\", start: \"{when}\" }}) {{ event {{ id }} }} }}" });
        Volatile.Write(ref roundStart[u], Stopwatch.GetTimestamp());
        using var response = await http.SendAsync(request);
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref received[u]) < perUser[u] && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(5);
        }
    }
}

var held = sockets.Count(s => s.State == WebSocketState.Open);
var sorted = latencies.Order().ToArray();
double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
var expected = (long)opened * rounds;
Console.WriteLine();
Console.WriteLine("| connections asked | held | users | rounds | deliveries (expected) | server memory per connection | p50 | p99 | max |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {connections} | {held} | {users} | {rounds} | {sorted.Length} ({expected}) | {(rssAfter - rssBefore) / Math.Max(opened, 1) / 1024.0:0.0} KB | {Percentile(0.50):0.0} ms | {Percentile(0.99):0.0} ms | {(sorted.Length > 0 ? sorted[^1] : double.NaN):0.0} ms |"));

foreach (var socket in sockets)
{
    socket.Abort();
    socket.Dispose();
}

work.Delete(recursive: true);
return sorted.Length == expected ? 0 : 1;

static async Task<ClientWebSocket> OpenAsync(Uri server, string token)
{
    var socket = new ClientWebSocket();
    socket.Options.AddSubProtocol("graphql-transport-ws");
    socket.Options.KeepAliveInterval = TimeSpan.Zero;
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    await socket.ConnectAsync(new Uri($"ws://{server.Authority}/graphql"), timeout.Token);
    await SendAsync(socket, $$$"""{"type":"connection_init","payload":{"Authorization":"Bearer {{{token}}}"}}""", timeout.Token);
    var ack = await ReadAsync(socket, timeout.Token);
    if (!ack.Contains("connection_ack", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"no connection_ack: {ack}");
    }

    await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { calendarChanged { kind eventId } }"}}""", timeout.Token);
    return socket;
}

async Task ReceiveAsync(ClientWebSocket socket, int user)
{
    var buffer = new byte[4096];
    try
    {
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (text.Contains("\"ping\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, """{"type":"pong"}""", CancellationToken.None);
            }
            else if (text.Contains("\"next\"", StringComparison.Ordinal) && result.EndOfMessage)
            {
                latencies.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref roundStart[user])).TotalMilliseconds);
                Interlocked.Increment(ref received[user]);
            }
        }
    }
    catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
    {
        // closed by the end of the run
    }
}

static Task SendAsync(ClientWebSocket socket, string text, CancellationToken cancellationToken) =>
    socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

static async Task<string> ReadAsync(ClientWebSocket socket, CancellationToken cancellationToken)
{
    var buffer = new byte[4096];
    var result = await socket.ReceiveAsync(buffer, cancellationToken);
    return result.MessageType == WebSocketMessageType.Close ? $"closed {result.CloseStatus} {result.CloseStatusDescription}" : Encoding.UTF8.GetString(buffer, 0, result.Count);
}

static int ServerPid(WebApiProcess server) => server.ProcessId;

static long Rss(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
