using System.Text.Json;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Users;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using StackExchange.Redis;

namespace CleanAssistant.Infrastructure.LiveEvents;

/// <summary>
/// Distributed mode: every instance publishes to one Redis channel and delivers what arrives on it to its own
/// subscribers, so a change served by one instance reaches subscribers on all. An instance receives its own
/// publications through Redis too, so each subscriber gets each event once.
/// </summary>
internal sealed partial class RedisLiveEvents : ILiveEvents, IDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("cleanassistant:live-events");

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    private readonly LiveEventHub _hub;
    private readonly ILogger<RedisLiveEvents> _logger;
    private readonly ConnectionMultiplexer _redis;
    private readonly ISubscriber _subscriber;

    public RedisLiveEvents(string configuration, LiveEventHub hub, ILogger<RedisLiveEvents> logger)
    {
        _hub = hub;
        _logger = logger;
        // Keep trying when Redis is not up yet: the readiness check reports it; publishing logs what is lost.
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        _redis = ConnectionMultiplexer.Connect(options);
        _subscriber = _redis.GetSubscriber();
        // Not awaited: the client re-subscribes by itself whenever the connection comes (back).
        _ = _subscriber.SubscribeAsync(Channel, (_, message) => Receive(message)).ContinueWith(
            t => LogSubscribeFailed(_logger, t.Exception!.GetBaseException().Message), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public async ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        try
        {
            await _subscriber.PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(liveEvent), Json));
        }
        catch (RedisException exception)
        {
            // The change itself is saved; only its live notification is lost. Clients resync on reconnect.
            LogPublishFailed(_logger, liveEvent.GetType().Name, exception.Message);
        }
    }

    public IObservable<LiveEvent> Watch(UserId userId) => new HubObservable(_hub, userId);

    public void Dispose() => _redis.Dispose();

    private void Receive(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<Envelope>(message.ToString(), Json)?.Event is { } liveEvent)
            {
                _hub.Deliver(liveEvent);
            }
        }
        catch (JsonException exception)
        {
            LogUnreadable(_logger, exception.Message);
        }
    }

    /// <summary>The wire form: the event with its type name, so every instance reads back the same record.</summary>
    private sealed record Envelope
    {
        public Envelope()
        {
        }

        public Envelope(LiveEvent liveEvent) => Event = liveEvent;

        public LiveEvent? Event { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a {EventType} live event to Redis: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to live events in Redis yet: {Reason}")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable live event from Redis: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
