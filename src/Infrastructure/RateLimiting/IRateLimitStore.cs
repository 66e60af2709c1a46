namespace CleanAssistant.Infrastructure.RateLimiting;

/// <summary>
/// Counters with an expiry, for rate limits: in process in embedded mode, in Redis in distributed mode so every
/// instance counts against the same budgets. Each operation is atomic. Keys are namespaced by the store.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Adds <paramref name="amount"/> to the counter at <paramref name="key"/>. A counter that does not exist starts at
    /// zero and expires after <paramref name="window"/> (a fixed window); with <paramref name="renew"/> the expiry starts
    /// again at every increment, so the counter lives until <paramref name="window"/> passes without one.
    /// </summary>
    /// <param name="key">The counter.</param>
    /// <param name="amount">How much to add, at least 1.</param>
    /// <param name="window">How long a new (or, with <paramref name="renew"/>, every touched) counter lives.</param>
    /// <param name="renew">Restart the expiry at every increment.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The count after the increment and the time left until the counter expires.</returns>
    ValueTask<RateLimitCount> IncrementAsync(string key, long amount, TimeSpan window, bool renew, CancellationToken cancellationToken);

    /// <summary>The counter at <paramref name="key"/> without changing it; zero with no time left when there is none.</summary>
    ValueTask<RateLimitCount> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the counters (those that do not exist are ignored).</summary>
    ValueTask DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
}

/// <summary>A counter's value and the time until it expires (zero for a counter that does not exist).</summary>
public readonly record struct RateLimitCount(long Count, TimeSpan ExpiresIn);
