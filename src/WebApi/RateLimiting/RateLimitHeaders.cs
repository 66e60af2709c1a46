using Microsoft.Net.Http.Headers;

namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>
/// The fields of draft-ietf-httpapi-ratelimit-headers in its separate-field form (draft 06): <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> (seconds until the window ends), and <c>Retry-After</c> (seconds,
/// RFC 9110) on a 429.
/// </summary>
public static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";

    private static readonly object DecisionKey = new();

    /// <summary>
    /// Adds <paramref name="decision"/> to what this request already counted and writes the tighter one to the
    /// response's headers (a GraphQL operation adds its expensive budgets to the general one).
    /// </summary>
    public static RateLimitDecision? Record(HttpContext context, RateLimitDecision? decision)
    {
        ArgumentNullException.ThrowIfNull(context);
        var combined = RateLimitDecision.Combine(context.Items[DecisionKey] as RateLimitDecision, decision);
        if (combined is null)
        {
            return null;
        }

        context.Items[DecisionKey] = combined;
        if (!context.Response.HasStarted)
        {
            var headers = context.Response.Headers;
            headers[Limit] = combined.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers[Remaining] = combined.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers[Reset] = combined.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!combined.Allowed)
            {
                headers[HeaderNames.RetryAfter] = combined.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return combined;
    }

    /// <summary>What this request has counted so far, or null.</summary>
    public static RateLimitDecision? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[DecisionKey] as RateLimitDecision;
    }
}
