using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Infrastructure.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CleanAssistant.Infrastructure.Auditing;

public static class AuditServices
{
    public const string RetentionJobId = "audit-retention";

    /// <summary>The audit log (<see cref="IAuditLog"/>) and its retention (<c>Audit</c>).</summary>
    internal static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .Validate(o => o.RetentionDays >= 1, "Audit:RetentionDays must be at least 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.RetentionCron), "Audit:RetentionCron must be a cron expression.")
            .ValidateOnStart();
        services.AddSingleton<IAuditLog>(sp => new EfAuditLog(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IHttpContextAccessor>()));
        services.AddScoped<AuditRetention>();
        return services;
    }
}

/// <summary>Erases audit events older than <c>Audit:RetentionDays</c>.</summary>
public sealed partial class AuditRetention(ApplicationDbContext db, IOptions<AuditOptions> options, TimeProvider timeProvider, ILogger<AuditRetention> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetCurrentInstant() - Duration.FromDays(options.Value.RetentionDays);
        var erased = await db.AuditEvents.Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (erased > 0)
        {
            LogErased(logger, erased);
        }

        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention erased {Count} event(s)")]
    private static partial void LogErased(ILogger logger, int count);
}

/// <summary>The Hangfire job that erases expired audit events. Public for Hangfire's activator.</summary>
public sealed class AuditJobs(IServiceScopeFactory scopes)
{
    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task EraseExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditRetention>().SweepAsync(cancellationToken);
    }
}

/// <summary>Registers the audit retention job at start.</summary>
internal sealed class AuditStartup(IRecurringJobManager recurringJobs, IOptions<AuditOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<AuditJobs>(AuditServices.RetentionJobId, j => j.EraseExpiredAsync(CancellationToken.None), options.Value.RetentionCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
