using System.Globalization;
using System.Linq.Expressions;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Reminders;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CleanAssistant.Infrastructure.Reminders;

/// <summary>
/// Delivers due reminders exactly once. A delivery first claims the row with one conditional UPDATE
/// (pending and due, or claimed by a delivery that died) — the database lets exactly one claimant change it — and
/// only the winner publishes <see cref="ReminderDue"/>, e-mails the owner and marks the reminder delivered.
/// </summary>
internal sealed partial class ReminderDelivery(
    ApplicationDbContext db,
    ILiveEvents liveEvents,
    SmtpReminderMailer mailer,
    ReminderWebhookSender webhooks,
    IReminderScheduler scheduler,
    TimeProvider timeProvider,
    IOptions<ReminderOptions> options,
    ILogger<ReminderDelivery> logger)
{
    /// <summary>Claims the reminder for this delivery; the claim token when this call won it, null when not due or someone else has it.</summary>
    public async Task<string?> ClaimAsync(ReminderId id, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetCurrentInstant();
        var token = Guid.NewGuid().ToString("N");
        var claimed = await db.Reminders.Where(Claimable(now)).Where(r => r.Id == id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.State, ReminderState.Delivering)
                    .SetProperty(r => r.ClaimedBy, token)
                    .SetProperty(r => r.ClaimedAt, now)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                    .SetProperty(r => r.Version, r => r.Version + 1),
                cancellationToken);
        return claimed == 1 ? token : null;
    }

    /// <summary>Claims and delivers one reminder; false when there was nothing for this call to deliver.</summary>
    public async Task<bool> DeliverAsync(ReminderId id, CancellationToken cancellationToken)
    {
        var token = await ClaimAsync(id, cancellationToken);
        if (token is null)
        {
            return false;
        }

        var reminder = await db.Reminders.SingleAsync(r => r.Id == id && r.ClaimedBy == token, cancellationToken);
        var now = timeProvider.GetCurrentInstant();
        var calendarEvent = reminder.EventId is { } eventId ? await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken) : null;
        if (reminder.EventId is not null && calendarEvent is null)
        {
            // The event was deleted since: nothing to remind of.
            reminder.Dismiss(now);
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        try
        {
            var text = reminder.Text ?? calendarEvent!.Title;
            var due = new ReminderDue(reminder.OwnerId, reminder.Id, text, reminder.EventId, reminder.OccurrenceStart, reminder.DueAt);
            await liveEvents.PublishAsync(due, cancellationToken);
            if (await db.ReminderWebhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == reminder.OwnerId && w.IsEnabled, cancellationToken) is { } webhook)
            {
                await webhooks.SendAsync(webhook, due, cancellationToken);
            }

            if (mailer.IsEnabled)
            {
                var email = await db.Users.Where(u => u.Id == reminder.OwnerId).Select(u => u.Email).SingleAsync(cancellationToken);
                await mailer.SendAsync(email, $"Reminder: {text}", Body(text, reminder), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await GiveBackAsync(reminder, token, exception, cancellationToken);
            return false;
        }

        reminder.MarkDelivered(now);
        if (calendarEvent is not null && calendarEvent.IsRecurring && reminder.MinutesBefore is { } minutes
            && EventReminders.Next(calendarEvent, minutes, reminder.OccurrenceStart!.Value, now) is { } next)
        {
            db.Reminders.Add(next);
            scheduler.Schedule(next.Id, next.DueAt);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogDelivered(logger, reminder.Id.Value, reminder.Attempts);
        return true;
    }

    /// <summary>Delivers every reminder that is due (or whose claimant died): the safety net for lost jobs.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var due = await db.Reminders.AsNoTracking().Where(Claimable(timeProvider.GetCurrentInstant()))
            .OrderBy(r => r.DueAt).Select(r => r.Id).Take(500).ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            delivered += await DeliverAsync(id, cancellationToken) ? 1 : 0;
        }

        return delivered;
    }

    /// <summary>Due and pending, or claimed by a delivery that has not finished within the claim timeout (it died).</summary>
    private Expression<Func<Reminder, bool>> Claimable(Instant now)
    {
        var stale = now - Duration.FromTimeSpan(options.Value.ClaimTimeout);
        return r => r.DueAt <= now
            && (r.State == ReminderState.Scheduled || r.State == ReminderState.Snoozed || (r.State == ReminderState.Delivering && r.ClaimedAt < stale));
    }

    private async Task GiveBackAsync(Reminder reminder, string token, Exception exception, CancellationToken cancellationToken)
    {
        // Another try a little later, up to the limit; then it stays Failed for the user to see.
        var failed = reminder.Attempts >= Reminder.MaxAttempts;
        var retryAt = timeProvider.GetCurrentInstant() + Duration.FromMinutes(reminder.Attempts);
        await db.Reminders.Where(r => r.Id == reminder.Id && r.ClaimedBy == token).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.State, failed ? ReminderState.Failed : ReminderState.Scheduled)
                .SetProperty(r => r.DueAt, failed ? reminder.DueAt : retryAt)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.Version, r => r.Version + 1),
            cancellationToken);
        if (!failed)
        {
            scheduler.Schedule(reminder.Id, retryAt);
        }

        LogDeliveryFailed(logger, exception, reminder.Id.Value, reminder.Attempts);
    }

    private static string Body(string text, Reminder reminder) => reminder.OccurrenceStart is { } start
        ? string.Create(CultureInfo.InvariantCulture, $"{text} starts at {start:uuuu'-'MM'-'dd HH':'mm} UTC ({reminder.MinutesBefore} minutes after this reminder).")
        : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered reminder {ReminderId} (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, Guid reminderId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering reminder {ReminderId} failed (attempt {Attempt})")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid reminderId, int attempt);
}
