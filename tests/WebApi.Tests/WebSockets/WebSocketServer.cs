using System.Text.Json.Nodes;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Users;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanAssistant.WebApi.Tests.WebSockets;

/// <summary>The real server on a socket with two signed-up users, shared by a test class.</summary>
public class WebSocketServer : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    public WebSocketServer()
        : this([])
    {
    }

    protected WebSocketServer(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        _settings = settings;
        _time = time;
    }

    public ApiFactory Api { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public ApiUser Alice { get; private set; } = null!;

    public ApiUser Bob { get; private set; } = null!;

    public ILiveEvents LiveEvents => Api.Services.GetRequiredService<ILiveEvents>();

    public async Task InitializeAsync()
    {
        Api = await ApiFactory.CreateAsync(settings: _settings, time: _time);
        BaseAddress = Api.StartOnSocket();
        Alice = await Api.SignUpAsync($"alice-{Guid.NewGuid():N}@example.com");
        Bob = await Api.SignUpAsync($"bob-{Guid.NewGuid():N}@example.com");
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();

    /// <summary>The user's id, from the <c>me</c> query.</summary>
    public async Task<UserId> UserIdAsync(ApiUser user)
    {
        using var client = Api.CreateClient(user);
        var me = await client.GraphQLAsync("{ me { id } }");
        return new UserId(GlobalId.Decode("User", me["data"]!["me"]!["id"]!.GetValue<string>(), "id"));
    }

    /// <summary>
    /// A subscription is live a moment after its subscribe message is read, with no message to say so: publish
    /// until the first event arrives (the subscriber ignores nothing, so the first message is the answer).
    /// </summary>
    public async Task<JsonNode> PublishUntilDeliveredAsync(GraphQLWsTestClient client, LiveEvent liveEvent, Func<ValueTask>? beforeEach = null)
    {
        using var stop = new CancellationTokenSource();
        var publishing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (beforeEach is not null)
                {
                    await beforeEach();
                }

                await LiveEvents.PublishAsync(liveEvent, CancellationToken.None);
                await Task.Delay(100, CancellationToken.None);
            }
        });
        try
        {
            var message = await client.ReceiveSkippingPingsAsync();
            message.ShouldNotBeNull("the server closed the socket");
            message["type"]!.GetValue<string>().ShouldBe("next", message.ToJsonString());
            return message;
        }
        finally
        {
            await stop.CancelAsync();
            await publishing;
        }
    }
}

/// <summary>A server with tight limits: a short connection_init timeout, few operations, a small send buffer, frequent pings.</summary>
public sealed class TightWebSocketServer()
    : WebSocketServer(new()
    {
        ["GraphQL:WebSocket:ConnectionInitTimeout"] = "00:00:02",
        ["GraphQL:WebSocket:MaxOperations"] = "3",
        ["GraphQL:WebSocket:SendBufferMessages"] = "8",
        ["GraphQL:WebSocket:KeepAliveInterval"] = "00:00:01",
    });

/// <summary>A server on a fake clock, with access tokens that live <see cref="TokenLifetime"/>; tests move the clock.</summary>
public sealed class FakeClockWebSocketServer : WebSocketServer
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    public FakeClockWebSocketServer()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private FakeClockWebSocketServer(FakeTimeProvider clock)
        : base(new() { ["Identity:AccessTokenLifetime"] = "00:10:00" }, clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }
}
