using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>A range of local time within one day, [Start, End); an End of midnight means "to the end of the day".</summary>
public sealed record LocalTimeRange
{
    public LocalTimeRange(LocalTime start, LocalTime end)
    {
        if (end != LocalTime.Midnight && end <= start)
        {
            throw new DomainException("INVALID_TIME_RANGE", "A time range must end after it starts (use midnight for the end of the day).");
        }

        Start = start;
        End = end;
    }

    public LocalTime Start { get; }

    public LocalTime End { get; }

    public static LocalTimeRange WholeDay { get; } = new(LocalTime.Midnight, LocalTime.Midnight);

    internal long StartTick => Start.TickOfDay;

    internal long EndTick => End == LocalTime.Midnight ? NodaConstants.TicksPerDay : End.TickOfDay;
}

/// <summary>When a person works, in their own zone: local ranges per day of the week.</summary>
public sealed record WorkingHours
{
    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private readonly Dictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> _days;

    public WorkingHours(DateTimeZone zone, IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> days)
    {
        Zone = zone;
        _days = [];
        foreach (var (day, ranges) in days)
        {
            var sorted = ranges.OrderBy(r => r.StartTick).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].StartTick < sorted[i - 1].EndTick)
                {
                    throw new DomainException("INVALID_WORKING_HOURS", $"Working hours on {day} overlap.");
                }
            }

            _days[day] = sorted;
        }
    }

    public DateTimeZone Zone { get; }

    /// <summary>Monday to Friday, 09:00–17:00 local.</summary>
    public static WorkingHours Default(DateTimeZone zone) => Weekdays(zone, new LocalTime(9, 0), new LocalTime(17, 0));

    public static WorkingHours Default(TimeZoneId zone) => Default(zone.Zone);

    public static WorkingHours Weekdays(DateTimeZone zone, LocalTime start, LocalTime end) =>
        new(zone, MondayToFriday.ToDictionary(d => d, _ => (IReadOnlyList<LocalTimeRange>)[new LocalTimeRange(start, end)]));

    public IReadOnlyList<LocalTimeRange> On(IsoDayOfWeek day) => _days.TryGetValue(day, out var ranges) ? ranges : [];
}
