using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using NodaTime;

namespace CleanAssistant.Domain.Recurrence;

/// <summary>
/// A recurring series (RFC 5545 recurrence set): the rule, the local wall-clock start of the first occurrence
/// (DTSTART) in a zone, how long each occurrence lasts, and the excluded occurrences (EXDATE).
/// Occurrences are generated in local time, so a 09:00 meeting stays at 09:00 across daylight-saving changes;
/// a local time skipped by a gap moves forward by the gap's length, an ambiguous one takes the earlier offset.
/// DTSTART is always the first occurrence, and COUNT counts it and excluded occurrences.
/// </summary>
public sealed record RecurrenceSet
{
    private readonly HashSet<LocalDateTime> _exceptionDates;
    private readonly HashSet<Instant> _exceptionInstants;
    private RecurrenceExpander? _expander;

    private RecurrenceSet(
        RecurrenceRule rule,
        LocalDateTime start,
        DateTimeZone zone,
        Duration duration,
        int allDayDays,
        HashSet<LocalDateTime> exceptionDates,
        HashSet<Instant> exceptionInstants)
    {
        Rule = rule;
        Start = start;
        Zone = zone;
        Duration = duration;
        AllDayDays = allDayDays;
        _exceptionDates = exceptionDates;
        _exceptionInstants = exceptionInstants;
    }

    public RecurrenceRule Rule { get; }

    /// <summary>DTSTART: the local wall-clock start of the first occurrence.</summary>
    public LocalDateTime Start { get; }

    public DateTimeZone Zone { get; }

    /// <summary>Exact length of a timed occurrence; zero for all-day series.</summary>
    public Duration Duration { get; }

    /// <summary>Number of local days an all-day occurrence covers; 0 for timed series.</summary>
    public int AllDayDays { get; }

    public bool IsAllDay => AllDayDays > 0;

    public IReadOnlyCollection<LocalDateTime> ExceptionDates => _exceptionDates;

    public IReadOnlyCollection<Instant> ExceptionInstants => _exceptionInstants;

    internal HashSet<LocalDateTime> ExceptionDateSet => _exceptionDates;

    internal HashSet<Instant> ExceptionInstantSet => _exceptionInstants;

    /// <summary>
    /// A series of timed occurrences, each lasting <paramref name="duration"/>; <paramref name="exceptionDates"/>
    /// are EXDATEs as local wall-clock starts (recurrence ids) in <paramref name="zone"/>.
    /// </summary>
    public static RecurrenceSet Timed(
        RecurrenceRule rule,
        LocalDateTime start,
        DateTimeZone zone,
        Duration duration,
        IEnumerable<LocalDateTime>? exceptionDates = null)
    {
        if (duration <= Duration.Zero || duration > EventTime.MaxDuration)
        {
            throw new DomainException("INVALID_TIME_RANGE", "An occurrence must last more than zero and at most 366 days.");
        }

        return new RecurrenceSet(rule, start, zone, duration, 0, [.. exceptionDates ?? []], []);
    }

    /// <summary>
    /// A series of all-day occurrences, each covering <paramref name="days"/> whole local days;
    /// <paramref name="exceptionDays"/> are EXDATEs as local days.
    /// </summary>
    public static RecurrenceSet AllDay(
        RecurrenceRule rule,
        LocalDate firstDay,
        int days,
        DateTimeZone zone,
        IEnumerable<LocalDate>? exceptionDays = null)
    {
        if (days is < 1 or > 366)
        {
            throw new DomainException("INVALID_TIME_RANGE", "An all-day occurrence must cover 1 to 366 days.");
        }

        if (rule.ByHour.Count > 0 || rule.ByMinute.Count > 0 || rule.BySecond.Count > 0)
        {
            throw RecurrenceRule.Invalid("BYHOUR, BYMINUTE and BYSECOND cannot be used with an all-day series.");
        }

        var exceptions = (exceptionDays ?? []).Select(d => d.AtMidnight());
        return new RecurrenceSet(rule, firstDay.AtMidnight(), zone, Duration.Zero, days, [.. exceptions], []);
    }

    /// <summary>The same series without the occurrences that start at the given instants (EXDATEs in UTC form).</summary>
    public RecurrenceSet ExceptAt(IEnumerable<Instant> starts) =>
        new(Rule, Start, Zone, Duration, AllDayDays, _exceptionDates, [.. _exceptionInstants, .. starts]);

    /// <summary>
    /// The occurrences that overlap [<paramref name="from"/>, <paramref name="to"/>): those starting before
    /// <paramref name="to"/> and ending after <paramref name="from"/>, ordered by start.
    /// </summary>
    public IReadOnlyList<Occurrence> Expand(Instant from, Instant to)
    {
        if (to < from)
        {
            throw new DomainException("INVALID_TIME_RANGE", "The window must not end before it starts.");
        }

        _expander ??= new RecurrenceExpander(this);
        return _expander.Expand(from, to);
    }

    public bool Equals(RecurrenceSet? other) =>
        other is not null
        && Rule.Equals(other.Rule)
        && Start == other.Start
        && Zone.Id == other.Zone.Id
        && Duration == other.Duration
        && AllDayDays == other.AllDayDays
        && _exceptionDates.SetEquals(other._exceptionDates)
        && _exceptionInstants.SetEquals(other._exceptionInstants);

    public override int GetHashCode() => HashCode.Combine(Rule, Start, Zone.Id, Duration, AllDayDays);
}
