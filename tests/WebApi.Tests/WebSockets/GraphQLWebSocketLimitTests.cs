using System.Net.WebSockets;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.WebApi.Tests.Support;
using NodaTime;

namespace CleanAssistant.WebApi.Tests.WebSockets;

/// <summary>The configured limits: connection_init timeout, operations per connection, the send buffer of a slow client.</summary>
public sealed class GraphQLWebSocketLimitTests(TightWebSocketServer server) : IClassFixture<TightWebSocketServer>
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 27, 9, 0);

    [Fact]
    public async Task NoConnectionInit_WithinTheTimeout_ClosesWith4408()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress);

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4408);
    }

    [Fact]
    public async Task TheServer_PingsToKeepTheConnectionAlive()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);

        (await client.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("ping");
        await client.SendAsync(new { type = "pong" });
        await client.SubscribeAsync("q", "{ me { email } }");
        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("next");
    }

    [Fact]
    public async Task MoreOperationsThanTheLimit_GetAnErrorForTheExtraOne_AndTheConnectionStays()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        for (var i = 1; i <= 3; i++)
        {
            await client.SubscribeAsync($"s{i}", "subscription { calendarChanged { kind } }");
        }

        await client.SubscribeAsync("s4", "subscription { calendarChanged { kind } }");

        var error = await client.ReceiveSkippingPingsAsync();
        error!["type"]!.GetValue<string>().ShouldBe("error");
        error["id"]!.GetValue<string>().ShouldBe("s4");
        error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("TOO_MANY_OPERATIONS");
        await client.SendAsync(new { id = "s1", type = "complete" });
        await client.SubscribeAsync("q", "{ me { email } }");
        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("next");
    }

    [Fact]
    public async Task ASlowClient_IsDropped_WhileOthersStillGetTheirEvents()
    {
        var aliceId = await server.UserIdAsync(server.Alice);
        var bobId = await server.UserIdAsync(server.Bob);
        await using var slow = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await slow.SubscribeAsync("s", "subscription { conversationUpdated { text } }");
        await server.PublishUntilDeliveredAsync(
            slow, new ConversationUpdated(aliceId, new ConversationId(Guid.NewGuid()), Speaker.User, "hello", At));
        await using var normal = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Bob.AccessToken);
        await normal.SubscribeAsync("s", "subscription { conversationUpdated { text } }");

        // The slow client reads nothing more while far more than the socket and its buffer hold is published
        // (fewer events than a subscription queues before it fails, so it is the send buffer that overflows).
        var text = new string('x', 128 * 1024);
        for (var i = 0; i < 200; i++)
        {
            await server.LiveEvents.PublishAsync(new ConversationUpdated(aliceId, new ConversationId(Guid.NewGuid()), Speaker.User, text, At), CancellationToken.None);
        }

        var delivered = await server.PublishUntilDeliveredAsync(
            normal, new ConversationUpdated(bobId, new ConversationId(Guid.NewGuid()), Speaker.User, "still here", At));
        delivered["payload"]!["data"]!["conversationUpdated"]!["text"]!.GetValue<string>().ShouldBe("still here");

        // The slow client then finds its connection ended before it got everything.
        var received = 0;
        try
        {
            while (await slow.ReceiveAsync() is not null)
            {
                received++;
            }

            slow.CloseStatus.ShouldBe((WebSocketCloseStatus)1013);
        }
        catch (WebSocketException)
        {
            // Aborted: the server could not even send it a close frame.
        }

        received.ShouldBeLessThan(200);
        using var http = server.Api.CreateClient(server.Bob);
        (await http.GraphQLAsync("{ me { email } }"))["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe(server.Bob.Email);
    }
}
