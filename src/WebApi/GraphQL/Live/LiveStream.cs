using System.Threading.Channels;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using GraphQL;

namespace CleanAssistant.WebApi.GraphQL.Live;

/// <summary>
/// The signed-in user's live events as a subscription's source stream. Events arrive on the publisher's
/// thread; they are only queued there (never blocking it) and handed on from the subscriber's own flow, so
/// the fields of each event resolve as that subscriber, not as whoever published.
/// </summary>
public static class LiveStream
{
    /// <summary>Most events one subscription may have waiting for their fields to resolve before it fails.</summary>
    public const int Capacity = 256;

    /// <summary>The current user's events of type <typeparamref name="T"/> that pass <paramref name="filter"/>.</summary>
    public static IObservable<object?> Watch<T>(IResolveFieldContext context, Func<T, bool>? filter = null)
        where T : LiveEvent
    {
        var userId = context.RequestServices!.GetRequiredService<ICurrentUser>().Id ?? throw new UnauthenticatedException();
        var source = context.RequestServices!.GetRequiredService<ILiveEvents>().Watch(userId);
        return new Relay<T>(source, filter ?? (_ => true));
    }

    private sealed class Relay<T>(IObservable<LiveEvent> source, Func<T, bool> filter) : IObservable<object?>
        where T : LiveEvent
    {
        public IDisposable Subscribe(IObserver<object?> observer)
        {
            var queue = Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            var stop = new CancellationTokenSource();
            var subscription = source.Subscribe(new Enqueue(queue.Writer, filter));

            // Task.Run keeps the subscriber's execution context (its HttpContext, hence its user).
            _ = Task.Run(() => PumpAsync(queue.Reader, observer, stop.Token), CancellationToken.None);
            return new Unsubscribe(subscription, queue.Writer, stop);
        }

        private static async Task PumpAsync(ChannelReader<T> reader, IObserver<object?> observer, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var item in reader.ReadAllAsync(cancellationToken))
                {
                    observer.OnNext(item);
                }

                observer.OnCompleted();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Unsubscribed: nobody is listening.
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                observer.OnError(exception);
            }
        }

        private sealed class Enqueue(ChannelWriter<T> writer, Func<T, bool> filter) : IObserver<LiveEvent>
        {
            public void OnNext(LiveEvent value)
            {
                if (value is T item && filter(item) && !writer.TryWrite(item))
                {
                    writer.TryComplete(new InvalidOperationException($"More than {Capacity} live events are waiting for this subscriber."));
                }
            }

            public void OnError(Exception error) => writer.TryComplete(error);

            public void OnCompleted() => writer.TryComplete();
        }

        private sealed class Unsubscribe(IDisposable subscription, ChannelWriter<T> writer, CancellationTokenSource stop) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) != 0)
                {
                    return;
                }

                subscription.Dispose();
                writer.TryComplete();
                stop.Cancel();
                stop.Dispose();
            }
        }
    }
}
