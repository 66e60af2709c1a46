using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using NodaTime;

namespace CleanAssistant.Application.Reminders;

/// <summary>A reminder as its owner sees it; <see cref="Text"/> is the event's title for an event reminder.</summary>
public sealed record ReminderDto(
    ReminderId Id,
    string Text,
    EventId? EventId,
    int? MinutesBefore,
    Instant? OccurrenceStart,
    Instant DueAt,
    ReminderState State,
    int Attempts,
    Instant? DeliveredAt);

internal static class ReminderMapping
{
    public static ReminderDto ToDto(this Reminder reminder, string? eventTitle) => new(
        reminder.Id,
        reminder.Text ?? eventTitle ?? string.Empty,
        reminder.EventId,
        reminder.MinutesBefore,
        reminder.OccurrenceStart,
        reminder.DueAt,
        reminder.State,
        reminder.Attempts,
        reminder.DeliveredAt);
}
