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
    public static Reminder? Next(CalendarEvent calendarEvent, int minutesBefore, Instant after, Instant now) =>
        FirstStartFrom(calendarEvent, Instant.Max(after + Duration.Epsilon, now + Duration.FromMinutes(minutesBefore) + Duration.Epsilon)) is { } start
            ? Reminder.ForOccurrence(calendarEvent, start, minutesBefore, now)
            : null;

    /// <summary>
    /// Where a reminder <paramref name="minutesBefore"/> minutes ahead belongs after the event moved: the first occurrence
    /// whose reminder is still to come, or — for an event that does not repeat — the event itself while it has not
    /// started (its reminder is then due at once). Null when there is none.
    /// </summary>
    public static Instant? NextOccurrenceStart(CalendarEvent calendarEvent, int minutesBefore, Instant now)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        return calendarEvent.IsRecurring
            ? FirstStartFrom(calendarEvent, now + Duration.FromMinutes(minutesBefore) + Duration.Epsilon)
            : calendarEvent.Start > now ? calendarEvent.Start : null;
    }

    private static Instant? FirstStartFrom(CalendarEvent calendarEvent, Instant from)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        foreach (var occurrence in calendarEvent.OccurrencesBetween(from, from + Horizon))
        {
            if (occurrence.Start >= from)
            {
                return occurrence.Start;
            }
        }

        return null;
    }
}
