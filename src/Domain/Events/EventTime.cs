using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Events;

/// <summary>
/// When an event happens: a half-open interval [Start, End) of instants plus the zone it was made in.
/// All-day events cover whole local days of that zone, so they follow daylight-saving changes.
/// </summary>
public sealed record EventTime
{
    /// <summary>Longest event we accept; longer spans are almost always input mistakes.</summary>
    public static readonly Duration MaxDuration = Duration.FromDays(366);

    private EventTime(Instant start, Instant end, TimeZoneId timeZone, bool isAllDay)
    {
        Start = start;
        End = end;
        TimeZone = timeZone;
        IsAllDay = isAllDay;
    }

    public Instant Start { get; }

    public Instant End { get; }

    public TimeZoneId TimeZone { get; }

    public bool IsAllDay { get; }

    public Duration Duration => End - Start;

    public static EventTime Timed(Instant start, Instant end, TimeZoneId timeZone)
    {
        if (end <= start)
        {
            throw new DomainException("INVALID_TIME_RANGE", "An event must end after it starts.");
        }

        return end - start > MaxDuration
            ? throw new DomainException("INVALID_TIME_RANGE", "An event may last at most 366 days.")
            : new EventTime(start, end, timeZone, isAllDay: false);
    }

    /// <param name="firstDay">First local day of the event.</param>
    /// <param name="endDay">The day after the last one (exclusive), as in iCalendar.</param>
    /// <param name="timeZone">Zone whose days the event covers.</param>
    public static EventTime AllDay(LocalDate firstDay, LocalDate endDay, TimeZoneId timeZone)
    {
        if (endDay <= firstDay)
        {
            throw new DomainException("INVALID_TIME_RANGE", "An all-day event must end on a later day than it starts.");
        }

        if (Period.Between(firstDay, endDay, PeriodUnits.Days).Days > 366)
        {
            throw new DomainException("INVALID_TIME_RANGE", "An event may last at most 366 days.");
        }

        var zone = timeZone.Zone;
        return new EventTime(zone.AtStartOfDay(firstDay).ToInstant(), zone.AtStartOfDay(endDay).ToInstant(), timeZone, isAllDay: true);
    }

    public bool Overlaps(Instant from, Instant to) => Start < to && from < End;
}
