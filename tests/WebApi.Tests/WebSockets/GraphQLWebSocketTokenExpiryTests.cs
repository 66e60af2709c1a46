using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Events;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.Tests.Support;
using NodaTime;

namespace CleanAssistant.WebApi.Tests.WebSockets;

/// <summary>
/// A connection is signed in as long as the access token of its connection_init, not longer. (Server pings keep
/// ReceiveCloseAsync reading, so every wait for a close is bounded: a connection left open fails, not hangs.)
/// </summary>
public sealed class GraphQLWebSocketTokenExpiryTests(FakeClockWebSocketServer server) : IClassFixture<FakeClockWebSocketServer>
{
    private const string CalendarChanged = "subscription { calendarChanged { kind eventId } }";
    private static readonly TimeSpan Lifetime = FakeClockWebSocketServer.TokenLifetime;

    [Fact]
    public async Task AnOpenSubscription_IsClosedWith4403_WhenTheTokenExpires()
    {
        var user = await server.Api.SignUpAsync($"erin-{Guid.NewGuid():N}@example.com");
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, user.AccessToken);
        await client.SubscribeAsync("s", CalendarChanged);
        await DeliveredAsync(client, user);

        server.Clock.Advance(Lifetime - TimeSpan.FromMinutes(1));
        await DeliveredAsync(client, user);
        server.Clock.Advance(TimeSpan.FromMinutes(2));

        (await client.ReceiveCloseAsync().WaitAsync(GraphQLWsTestClient.Patience)).ShouldBe((WebSocketCloseStatus)4403);
        client.CloseDescription.ShouldBe("Access token expired");
    }

    [Fact]
    public async Task AConnectionWithAFresherToken_StaysOpen_WhenAnotherConnectionsTokenExpires()
    {
        var early = await server.Api.SignUpAsync($"frank-{Guid.NewGuid():N}@example.com");
        server.Clock.Advance(Lifetime / 2);
        var fresh = await server.Api.SignUpAsync($"grace-{Guid.NewGuid():N}@example.com");
        await using var expiring = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, early.AccessToken);
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, fresh.AccessToken);
        await client.SubscribeAsync("s", CalendarChanged);
        await DeliveredAsync(client, fresh);

        server.Clock.Advance(Lifetime / 2 + TimeSpan.FromMinutes(1));

        (await expiring.ReceiveCloseAsync().WaitAsync(GraphQLWsTestClient.Patience)).ShouldBe((WebSocketCloseStatus)4403);
        await DeliveredAsync(client, fresh);
        await client.SubscribeAsync("q", "{ me { email } }");
        var me = await ReceiveAsync(client, m => m["id"]?.GetValue<string>() == "q");
        me["payload"]!["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe(fresh.Email);
    }

    [Fact]
    public async Task Subscribe_AfterTheTokenExpired_ClosesWith4403_EvenBeforeTheTimerFires()
    {
        var user = await server.Api.SignUpAsync($"heidi-{Guid.NewGuid():N}@example.com");
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, user.AccessToken);

        // The wall clock jumps (as after a suspended machine) while the connection's timer is still pending.
        server.Clock.AdjustTime(server.Clock.GetUtcNow() + Lifetime + TimeSpan.FromMinutes(1));
        await client.SubscribeAsync("q", "{ me { email } }");

        (await client.ReceiveCloseAsync().WaitAsync(GraphQLWsTestClient.Patience)).ShouldBe((WebSocketCloseStatus)4403);
        client.CloseDescription.ShouldBe("Access token expired");
    }

    /// <summary>On the real clock, with a token of a few seconds: the connection works, then it is closed.</summary>
    [Fact]
    public async Task AShortLivedToken_OnTheSystemClock_ClosesTheConnectionWith4403()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["Identity:AccessTokenLifetime"] = "00:00:03" });
        var baseAddress = api.StartOnSocket();
        var user = await api.SignUpAsync($"ivan-{Guid.NewGuid():N}@example.com");
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(baseAddress, user.AccessToken);
        await client.SubscribeAsync("s", CalendarChanged);
        await client.SubscribeAsync("q", "{ me { email } }");
        (await client.ReceiveSkippingPingsAsync())!["id"]!.GetValue<string>().ShouldBe("q");

        (await client.ReceiveCloseAsync().WaitAsync(GraphQLWsTestClient.Patience)).ShouldBe((WebSocketCloseStatus)4403);
        client.CloseDescription.ShouldBe("Access token expired");
    }

    /// <summary>Publishes a change no one has seen yet until the subscription "s" delivers it.</summary>
    private async Task DeliveredAsync(GraphQLWsTestClient client, ApiUser user)
    {
        var eventId = new EventId(Guid.NewGuid());
        var change = new CalendarChanged(await server.UserIdAsync(user), eventId, CalendarChangeKind.Created, Instant.FromUtc(2026, 11, 27, 9, 0));
        using var stop = new CancellationTokenSource();
        var publishing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await server.LiveEvents.PublishAsync(change, CancellationToken.None);
                await Task.Delay(100, CancellationToken.None);
            }
        });
        try
        {
            var encoded = GlobalId.Encode("Event", eventId.Value);
            await ReceiveAsync(client, m => m["payload"]?["data"]?["calendarChanged"]?["eventId"]?.GetValue<string>() == encoded);
        }
        finally
        {
            await stop.CancelAsync();
            await publishing;
        }
    }

    /// <summary>Reads past other messages to the one wanted; fails if the server closes the socket first.</summary>
    private static async Task<JsonNode> ReceiveAsync(GraphQLWsTestClient client, Func<JsonNode, bool> wanted)
    {
        while (true)
        {
            var message = await client.ReceiveSkippingPingsAsync();
            message.ShouldNotBeNull($"the server closed the socket ({client.CloseStatus}: {client.CloseDescription})");
            if (wanted(message))
            {
                return message;
            }
        }
    }
}
