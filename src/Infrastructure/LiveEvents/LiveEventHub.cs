using System.Collections.Concurrent;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Users;

namespace CleanAssistant.Infrastructure.LiveEvents;

/// <summary>
/// The subscribers of this instance, by user. Delivery calls each observer in turn on the publisher's thread:
/// observers must not block (the WebSocket transport queues into a bounded per-connection buffer).
/// </summary>
internal sealed class LiveEventHub
{
    private readonly ConcurrentDictionary<UserId, ImmutableObservers> _byUser = new();

    public IDisposable Add(UserId userId, IObserver<LiveEvent> observer)
    {
        _byUser.AddOrUpdate(userId, _ => new([observer]), (_, current) => new([.. current.Items, observer]));
        return new Subscription(this, userId, observer);
    }

    /// <summary>Delivers to this instance's subscribers of the event's user.</summary>
    public void Deliver(LiveEvent liveEvent)
    {
        if (!_byUser.TryGetValue(liveEvent.UserId, out var observers))
        {
            return;
        }

        foreach (var observer in observers.Items)
        {
            try
            {
                observer.OnNext(liveEvent);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One broken subscriber must not keep the event from the others.
                observer.OnError(exception);
            }
        }
    }

    private void Remove(UserId userId, IObserver<LiveEvent> observer)
    {
        while (_byUser.TryGetValue(userId, out var current))
        {
            var rest = current.Items.Where(o => !ReferenceEquals(o, observer)).ToArray();
            if (rest.Length == 0 ? _byUser.TryRemove(new(userId, current)) : _byUser.TryUpdate(userId, new(rest), current))
            {
                return;
            }
        }
    }

    private sealed record ImmutableObservers(IObserver<LiveEvent>[] Items);

    private sealed class Subscription(LiveEventHub hub, UserId userId, IObserver<LiveEvent> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(userId, observer);
            }
        }
    }
}

/// <summary>Embedded mode: one process, so publishing is delivering.</summary>
internal sealed class InProcessLiveEvents(LiveEventHub hub) : ILiveEvents
{
    public ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        hub.Deliver(liveEvent);
        return ValueTask.CompletedTask;
    }

    public IObservable<LiveEvent> Watch(UserId userId) => new HubObservable(hub, userId);
}

internal sealed class HubObservable(LiveEventHub hub, UserId userId) : IObservable<LiveEvent>
{
    public IDisposable Subscribe(IObserver<LiveEvent> observer) => hub.Add(userId, observer);
}
