using CleanAssistant.Infrastructure.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>The kinds of work a budget covers: every request, and the expensive operations with budgets of their own.</summary>
public enum RateLimitBudget
{
    /// <summary>Every request: counted per address, per user and per OAuth client.</summary>
    General,

    /// <summary>Speech to text (and what follows it).</summary>
    Voice,

    /// <summary>Language understanding, possibly by a paid language model.</summary>
    Assistant,

    /// <summary>Searches for meeting times and conflict resolutions.</summary>
    Suggestions,
}

/// <summary>
/// Counts requests against the configured budgets (fixed windows in <see cref="IRateLimitStore"/>) and says whether
/// they may go on. The one place HTTP endpoints, GraphQL over HTTP and GraphQL over WebSocket ask.
/// </summary>
public sealed class RateLimiter(IRateLimitStore store, IOptionsMonitor<RateLimitOptions> options)
{
    public bool Enabled => options.CurrentValue.Enabled;

    /// <summary>
    /// Counts <paramref name="amount"/> uses of <paramref name="budget"/> for <paramref name="caller"/>; null when limits
    /// are off. Refused requests count too, so a client that keeps trying stays refused until the window ends.
    /// </summary>
    public async ValueTask<RateLimitDecision?> CheckAsync(RateLimitCaller caller, RateLimitBudget budget, int amount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var settings = options.CurrentValue;
        if (!settings.Enabled || amount < 1)
        {
            return null;
        }

        RateLimitDecision? decision = null;
        foreach (var (key, limit) in Counters(settings, caller, budget))
        {
            var count = await store.IncrementAsync(key, amount, limit.Window, renew: false, cancellationToken);
            var allowed = count.Count <= limit.Limit;
            decision = RateLimitDecision.Combine(decision, new RateLimitDecision(
                allowed, limit.Limit, Math.Max(0, limit.Limit - count.Count), count.ExpiresIn, allowed ? TimeSpan.Zero : count.ExpiresIn));
        }

        return decision;
    }

    private static IEnumerable<(string Key, Budget Limit)> Counters(RateLimitOptions settings, RateLimitCaller caller, RateLimitBudget budget)
    {
        if (budget == RateLimitBudget.General)
        {
            yield return ($"general:ip:{caller.Ip}", settings.PerIp);
            if (caller.UserId is { } user)
            {
                yield return ($"general:user:{user}", settings.PerUser);
            }

            if (caller.ClientId is { } client)
            {
                yield return ($"general:client:{client}", settings.PerClient);
            }

            yield break;
        }

        var limit = budget switch
        {
            RateLimitBudget.Voice => settings.Voice,
            RateLimitBudget.Assistant => settings.Assistant,
            _ => settings.Suggestions,
        };
        var name = budget.ToString().ToLowerInvariant();
        yield return caller.UserId is { } id ? ($"{name}:user:{id}", limit) : ($"{name}:ip:{caller.Ip}", limit);
    }
}
