using CleanAssistant.Domain.Reminders;
using NodaTime;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>
/// Wakes the delivery of a reminder up at its due time (Hangfire). Only a wake-up call: the reminder row decides
/// whether anything is delivered, so scheduling twice, or a job for a reminder since snoozed or dismissed, is harmless,
/// and a lost job is caught by the periodic sweep.
/// </summary>
public interface IReminderScheduler
{
    void Schedule(ReminderId reminderId, Instant dueAt);
}
