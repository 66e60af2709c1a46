using CleanAssistant.WebApi.GraphQL.Transport;

namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>Wiring of the rate limits (<c>RateLimits</c> section; docs/rate-limits.md).</summary>
public static class RateLimitingSetup
{
    /// <summary>The budgets, the limiter, the login throttle and the GraphQL rule; the counters' store comes from <c>AddInfrastructure</c>.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.IsValid(), $"{RateLimitOptions.SectionName}: every Limit must be at least 1 and every Window positive; Login:FreeFailures at least 1, Login:MaxBackoff at least Login:FirstBackoff.")
            .ValidateOnStart();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<ILoginThrottle, LoginThrottle>();
        services.Configure<GraphQLHttpOptions>(o => o.ValidationRules.Add(RateLimitValidationRule.Instance));
        return services;
    }

    /// <summary>Counts requests against the general budgets; before authentication (it validates bearer tokens itself), so every request to the OAuth server counts.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
