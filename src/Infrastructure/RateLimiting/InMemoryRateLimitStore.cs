namespace CleanAssistant.Infrastructure.RateLimiting;

/// <summary>
/// Embedded mode: the counters of this process, expiring by the injected clock. Expired counters are swept out every
/// few thousand operations, so memory follows the number of recently active callers.
/// </summary>
public sealed class InMemoryRateLimitStore(TimeProvider time) : IRateLimitStore
{
    private const int SweepEvery = 4096;

    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _operations;

    public ValueTask<RateLimitCount> IncrementAsync(string key, long amount, TimeSpan window, bool renew, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            SweepNowAndThen(now);
            if (!_counters.TryGetValue(key, out var counter) || counter.Expires <= now)
            {
                counter = new Counter(0, now + window);
            }

            counter = new Counter(counter.Count + amount, renew ? now + window : counter.Expires);
            _counters[key] = counter;
            return ValueTask.FromResult(new RateLimitCount(counter.Count, counter.Expires - now));
        }
    }

    public ValueTask<RateLimitCount> GetAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return ValueTask.FromResult(_counters.TryGetValue(key, out var counter) && counter.Expires > now
                ? new RateLimitCount(counter.Count, counter.Expires - now)
                : default);
        }
    }

    public ValueTask DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _counters.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void SweepNowAndThen(DateTimeOffset now)
    {
        if (++_operations < SweepEvery)
        {
            return;
        }

        _operations = 0;
        foreach (var (key, counter) in _counters)
        {
            if (counter.Expires <= now)
            {
                _counters.Remove(key);
            }
        }
    }

    private readonly record struct Counter(long Count, DateTimeOffset Expires);
}
