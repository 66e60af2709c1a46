using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Reminders;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CleanAssistant.Infrastructure.Reminders;

/// <summary>
/// One Hangfire recurring job per user (<c>agenda-{userId}</c>), a daily cron at the local time in the user's zone.
/// Hangfire runs a recurring job once per occurrence across all servers sharing the storage.
/// </summary>
internal sealed class HangfireAgendaBriefingScheduler(IRecurringJobManager recurringJobs) : IAgendaBriefingScheduler
{
    public void Schedule(UserId userId, LocalTime? at, TimeZoneId zone)
    {
        var id = JobId(userId);
        if (at is not { } time)
        {
            recurringJobs.RemoveIfExists(id);
            return;
        }

        recurringJobs.AddOrUpdate<ReminderJobs>(
            id,
            j => j.SendAgendaAsync(userId.Value, CancellationToken.None),
            $"{time.Minute} {time.Hour} * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone.Value) });
    }

    public static string JobId(UserId userId) => $"agenda-{userId.Value:N}";
}

/// <summary>Sends one user's agenda for today by e-mail.</summary>
internal sealed class AgendaBriefingSender(ApplicationDbContext db, SmtpReminderMailer mailer, TimeProvider timeProvider)
{
    public async Task<bool> SendAsync(UserId userId, CancellationToken cancellationToken)
    {
        if (!mailer.IsEnabled || !await db.AgendaBriefings.AnyAsync(b => b.Id == userId && b.IsEnabled, cancellationToken))
        {
            return false;
        }

        if (await AgendaComposer.ComposeAsync(db, userId, timeProvider.GetCurrentInstant(), cancellationToken) is not { } agenda)
        {
            return false;
        }

        await mailer.SendAsync(agenda.Email, agenda.Subject, agenda.Body, cancellationToken);
        return true;
    }
}
