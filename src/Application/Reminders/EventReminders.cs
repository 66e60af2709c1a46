using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using NodaTime;

namespace CleanAssistant.Application.Reminders;

/// <summary>
/// Which occurrence an event reminder is for. Only the next one is materialised as a row; when it fires, delivery
/// materialises the one after (<see cref="Next"/> with the delivered occurrence), so a series without end costs one row.
/// </summary>
public static class EventReminders
{
    private static readonly Duration Horizon = Duration.FromDays(400);

    /// <summary>
    /// The reminder <paramref name="minutesBefore"/> minutes before the first occurrence that starts after
    /// <paramref name="after"/> and whose reminder is still in the future; null when the event has none left.
    /// </summary>
    public static Reminder? Next(CalendarEvent calendarEvent, int minutesBefore, Instant after, Instant now)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        var lead = Duration.FromMinutes(minutesBefore);
        var from = Instant.Max(after + Duration.Epsilon, now + lead + Duration.Epsilon);
        foreach (var occurrence in calendarEvent.OccurrencesBetween(from, from + Horizon))
        {
            if (occurrence.Start >= from)
            {
                return Reminder.ForOccurrence(calendarEvent, occurrence.Start, minutesBefore, now);
            }
        }

        return null;
    }
}
