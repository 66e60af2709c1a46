using Microsoft.AspNetCore.RateLimiting;

namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>
/// Counts every request against the general budgets (address, user, OAuth client) and answers 429 with
/// <c>Retry-After</c> when one is spent. Endpoints marked <c>DisableRateLimiting()</c> (health checks) are not counted;
/// endpoints marked <see cref="LimitsItselfMetadata"/> (GraphQL, which answers in its own format) count their HTTP
/// requests themselves; their WebSocket handshakes are counted here.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (!limiter.Enabled || metadata?.GetMetadata<DisableRateLimitingAttribute>() is not null || (metadata?.GetMetadata<LimitsItselfMetadata>() is not null && !context.WebSockets.IsWebSocketRequest))
        {
            await next(context);
            return;
        }

        var decision = RateLimitHeaders.Record(context, await limiter.CheckAsync(RateLimitCaller.From(context), RateLimitBudget.General, 1, context.RequestAborted));
        if (decision is { Allowed: false })
        {
            await WriteTooManyRequestsAsync(context, decision);
            return;
        }

        await next(context);
    }

    /// <summary>429 as problem details, the headers already set.</summary>
    public static Task WriteTooManyRequestsAsync(HttpContext context, RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decision);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This client has used its request budget; retry after {decision.RetryAfterSeconds} seconds.",
            extensions: new Dictionary<string, object?> { ["code"] = RateLimitedError.Code, ["retryAfter"] = decision.RetryAfterSeconds })
            .ExecuteAsync(context);
    }
}

/// <summary>Endpoint metadata: the endpoint counts its requests itself, so the middleware leaves it alone.</summary>
public sealed class LimitsItselfMetadata
{
    public static readonly LimitsItselfMetadata Instance = new();
}

/// <summary>The error code and extension clients see on a refused operation.</summary>
public static class RateLimitedError
{
    public const string Code = "RATE_LIMITED";

    public const string RetryAfterExtension = "retryAfter";

    public static string Message(RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return $"Rate limit exceeded; retry after {decision.RetryAfterSeconds} seconds.";
    }
}
