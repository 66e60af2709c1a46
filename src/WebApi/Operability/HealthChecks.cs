using System.Text.Json;
using CleanAssistant.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAssistant.WebApi.Operability;

internal static class HealthChecks
{
    private const string ReadyTag = "ready";

    /// <summary>Liveness has no checks (the process answers); readiness checks the database and, when configured, Redis.</summary>
    public static IServiceCollection AddOperabilityHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks().AddDbContextCheck<ApplicationDbContext>("database", tags: [ReadyTag]);
        var redis = configuration["Redis:Configuration"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            checks.AddRedis(redis, "redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapOperabilityHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).DisableRateLimiting();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(
            context.Response.Body,
            new
            {
                status = report.Status.ToString(),
                durationMs = report.TotalDuration.TotalMilliseconds,
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds }),
            },
            cancellationToken: context.RequestAborted);
    }
}
