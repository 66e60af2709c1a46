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

    /// <summary>
    /// Counts requests against the general budgets; after authentication, so a token's user and client are known
    /// (OpenIddict validates tokens only there). Token requests the OAuth server refuses as malformed are answered
    /// during authentication, before this counts them: they check no password.
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
