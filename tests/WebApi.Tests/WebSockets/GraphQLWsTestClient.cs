using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanAssistant.WebApi.Tests.WebSockets;

/// <summary>A bare graphql-transport-ws client over <see cref="ClientWebSocket"/>, to send anything, valid or not.</summary>
public sealed class GraphQLWsTestClient : IAsyncDisposable
{
    /// <summary>Generous: the machine running the tests may be busy. Nothing asserts on speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<GraphQLWsTestClient> ConnectAsync(Uri baseAddress, string? subProtocol = "graphql-transport-ws")
    {
        var client = new GraphQLWsTestClient();
        if (subProtocol is not null)
        {
            client._socket.Options.AddSubProtocol(subProtocol);
        }

        client._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        using var timeout = new CancellationTokenSource(Patience);
        await client._socket.ConnectAsync(uri, timeout.Token);
        return client;
    }

    /// <summary>Connects, sends connection_init with the token and waits for connection_ack.</summary>
    public static async Task<GraphQLWsTestClient> ConnectAndInitAsync(Uri baseAddress, string accessToken)
    {
        var client = await ConnectAsync(baseAddress);
        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + accessToken } });
        var ack = await client.ReceiveSkippingPingsAsync();
        ack?["type"]?.GetValue<string>().ShouldBe("connection_ack");
        return client;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message, or null when the server closed the socket (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonNode?> ReceiveAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(message.ToArray());
    }

    /// <summary>The next message that is not a keep-alive ping (answered with pong, as a real client does).</summary>
    public async Task<JsonNode?> ReceiveSkippingPingsAsync(TimeSpan? patience = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(patience);
            if (message?["type"]?.GetValue<string>() != "ping")
            {
                return message;
            }

            await SendAsync(new { type = "pong" });
        }
    }

    /// <summary>Reads until the server closes the socket; returns its close code. Gives up (throws) after <see cref="Patience"/>: keep-alive pings alone never end the wait.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await ReceiveAsync(Max(deadline - DateTime.UtcNow, TimeSpan.FromMilliseconds(1))) is not null)
        {
        }

        return CloseStatus;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        _socket.Dispose();
    }
}
