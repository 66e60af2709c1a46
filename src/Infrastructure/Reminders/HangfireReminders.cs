using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CleanAssistant.Infrastructure.Reminders;

/// <summary>Schedules a Hangfire job at the due time; the job only wakes <see cref="ReminderDelivery"/> up.</summary>
internal sealed class HangfireReminderScheduler(IBackgroundJobClient jobs) : IReminderScheduler
{
    public void Schedule(ReminderId reminderId, Instant dueAt) =>
        jobs.Schedule<ReminderJobs>(j => j.DeliverAsync(reminderId.Value, CancellationToken.None), dueAt.ToDateTimeOffset());
}

/// <summary>The Hangfire jobs of reminders. Public for Hangfire's activator; each run gets its own scope and DbContext.</summary>
public sealed class ReminderJobs(IServiceScopeFactory scopes)
{
    public const string SweepJobId = "reminders-sweep";

    [AutomaticRetry(Attempts = 0)]
    public async Task DeliverAsync(Guid reminderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderDelivery>().DeliverAsync(new ReminderId(reminderId), cancellationToken);
    }

    [AutomaticRetry(Attempts = 2)]
    public async Task SendAgendaAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgendaBriefingSender>().SendAsync(new UserId(userId), cancellationToken);
    }

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderDelivery>().SweepAsync(cancellationToken);
    }
}

/// <summary>
/// At start: registers the sweeper's recurring job and schedules a job for every pending reminder. In embedded mode
/// the job storage is in memory and starts empty, so this re-fills it from the database (the source of truth);
/// in distributed mode the jobs are still in PostgreSQL and scheduling again is harmless (the claim decides).
/// </summary>
public sealed partial class ReminderStartup(IServiceScopeFactory scopes, IRecurringJobManager recurringJobs, IOptions<ReminderOptions> options, ILogger<ReminderStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<ReminderJobs>(ReminderJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), options.Value.SweepCron);
        var count = await RefillAsync(scopes, cancellationToken);
        LogRefilled(logger, count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Schedules a job for every reminder still to be delivered; returns how many.</summary>
    public static async Task<int> RefillAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var scheduler = scope.ServiceProvider.GetRequiredService<IReminderScheduler>();
        var pending = await db.Reminders.AsNoTracking()
            .Where(r => r.State == ReminderState.Scheduled || r.State == ReminderState.Snoozed || r.State == ReminderState.Delivering)
            .Select(r => new { r.Id, r.DueAt }).ToListAsync(cancellationToken);
        foreach (var reminder in pending)
        {
            scheduler.Schedule(reminder.Id, reminder.DueAt);
        }

        // Morning briefings are recurring jobs: in memory they are gone after a restart too.
        var briefings = scope.ServiceProvider.GetRequiredService<IAgendaBriefingScheduler>();
        var enabled = await db.AgendaBriefings.AsNoTracking().Where(b => b.IsEnabled)
            .Join(db.Users, b => b.Id, u => u.Id, (b, u) => new { b.Id, b.At, u.TimeZone }).ToListAsync(cancellationToken);
        foreach (var briefing in enabled)
        {
            briefings.Schedule(briefing.Id, briefing.At, briefing.TimeZone);
        }

        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} pending reminder(s) at start")]
    private static partial void LogRefilled(ILogger logger, int count);
}
