using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Events;
using Mapster;
using NodaTime;

namespace CleanAssistant.Application.Events;

/// <summary>
/// Turns stored events into what a calendar shows in a window: single events as they are, recurring
/// ones as their occurrences (each with its RECURRENCE-ID), in start order.
/// </summary>
internal static class EventExpansion
{
    /// <summary>Events that may have something in [from, to): single ones overlapping it, series not over before it.</summary>
    public static IQueryable<CalendarEvent> Touching(this IQueryable<CalendarEvent> events, Instant from, Instant to) =>
        events.Where(e => e.Start < to && (e.Recurrence == null ? e.End > from : e.SeriesEnd == null || e.SeriesEnd > from));

    public static async Task<List<(CalendarEvent Event, EventDto Occurrence)>> ExpandAsync(
        this IQueryable<CalendarEvent> events, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var stored = await events.Touching(from, to).ToListAsync(cancellationToken);
        return [.. stored
            .SelectMany(e => e.IsRecurring
                ? e.OccurrencesBetween(from, to).Select(o => (e, e.Adapt<EventDto>() with { Start = o.Start, End = o.End, RecurrenceId = o.RecurrenceId }))
                : [(e, e.Adapt<EventDto>())])
            .OrderBy(x => x.Item2.Start).ThenBy(x => x.Item2.Id.Value)];
    }
}
