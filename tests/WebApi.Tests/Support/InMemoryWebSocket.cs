using System.Net.WebSockets;
using System.Text.Json;

namespace CleanAssistant.WebApi.Tests.Support;

/// <summary>graphql-transport-ws sockets to the in-memory server (no port, no Kestrel), for tests that send anything.</summary>
public static class InMemoryWebSocket
{
    /// <summary>Generous: the machine running the tests may be busy. Nothing asserts on speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<WebSocket> ConnectWebSocketAsync(this ApiFactory api)
    {
        var client = api.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        using var timeout = new CancellationTokenSource(Patience);
        return await client.ConnectAsync(new Uri(api.Server.BaseAddress, "graphql"), timeout.Token);
    }

    public static async Task SendJsonAsync(this WebSocket socket, object message)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next message that is not a ping; fails if the server closes the socket instead.</summary>
    public static async Task<JsonElement> ReceiveJsonAsync(this WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            received.MessageType.ShouldBe(WebSocketMessageType.Text, $"closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
            received.EndOfMessage.ShouldBeTrue("messages in these tests fit the buffer");
            var message = JsonDocument.Parse(buffer.AsMemory(0, received.Count)).RootElement.Clone();
            if (message.GetProperty("type").GetString() != "ping")
            {
                return message;
            }
        }
    }
}
