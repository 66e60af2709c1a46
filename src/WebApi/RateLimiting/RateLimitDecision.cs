namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>
/// The outcome of counting one request against its budgets: the budget closest to running out (what the
/// <c>RateLimit-*</c> headers report) and, when refused, how long until every exceeded budget has room again.
/// </summary>
public sealed record RateLimitDecision(bool Allowed, long Limit, long Remaining, TimeSpan Reset, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds, rounded up: a client that waits this long finds room.</summary>
    public int RetryAfterSeconds => Seconds(RetryAfter);

    public int ResetSeconds => Seconds(Reset);

    /// <summary>Both outcomes together: refused if either is, the tighter budget reported.</summary>
    public static RateLimitDecision? Combine(RateLimitDecision? first, RateLimitDecision? second)
    {
        if (first is null || second is null)
        {
            return first ?? second;
        }

        var tighter = second.Remaining < first.Remaining || (second.Remaining == first.Remaining && second.Reset > first.Reset) ? second : first;
        return tighter with
        {
            Allowed = first.Allowed && second.Allowed,
            RetryAfter = first.RetryAfter > second.RetryAfter ? first.RetryAfter : second.RetryAfter,
        };
    }

    private static int Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(span.TotalSeconds);
}
