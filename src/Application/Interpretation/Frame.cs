using System.Globalization;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Application.Interpretation;

/// <summary>The time expressions of (part of) one utterance, gathered by kind; the first of each kind wins.</summary>
internal sealed class Frame
{
    public DayPiece? Day { get; private set; }

    public ClockPiece? Clock { get; private set; }

    public RangePiece? Range { get; private set; }

    public PartPiece? Part { get; private set; }

    public WeekPiece? Week { get; private set; }

    public MonthPiece? Month { get; private set; }

    public ShiftPiece? Shift { get; private set; }

    public DurationPiece? Duration { get; private set; }

    public OffsetPiece? Offset { get; private set; }

    public ZonePiece? Zone { get; private set; }

    public RecurrencePiece? Recurrence { get; private set; }

    public CountPiece? Count { get; private set; }

    public DayPiece? Until { get; private set; }

    public DayPiece? Starting { get; private set; }

    public List<DayPiece> Except { get; } = [];

    public BeforePiece? Before { get; private set; }

    public bool HasTime => Clock is not null || Range is not null || Part is not null || Offset is not null;

    public bool IsEmpty => Day is null && !HasTime && Week is null && Month is null && Duration is null && Recurrence is null && Shift is null;

    public static Frame From(IEnumerable<Span> spans)
    {
        var frame = new Frame();
        foreach (var span in spans)
        {
            switch (span.Piece)
            {
                case DayPiece d: frame.Day = frame.Day is null or { InName: true } && !(frame.Day is not null && d.InName) ? d : frame.Day; break;
                case MonthPiece m: frame.Month ??= m; break;
                case ShiftPiece sh: frame.Shift ??= sh; break;
                case ClockPiece c: frame.Clock ??= c; break;
                case RangePiece r: frame.Range ??= r; break;
                case PartPiece p: frame.Part ??= p; break;
                case WeekPiece w: frame.Week ??= w; break;
                case DurationPiece u: frame.Duration ??= u; break;
                case OffsetPiece o: frame.Offset ??= o; break;
                case ZonePiece z: frame.Zone ??= z; break;
                case RecurrencePiece rec:
                    frame.Recurrence = frame.Recurrence switch
                    {
                        null => rec,
                        { Days.Count: 0 } first when rec.Days.Count > 0 && rec.Freq == first.Freq => first with { Days = rec.Days },
                        var first => first,
                    };
                    break;
                case CountPiece n: frame.Count ??= n; break;
                case BeforePiece b: frame.Before ??= b; break;
                case RoleDayPiece { Role: DayRole.Until } u2: frame.Until ??= u2.Day; break;
                case RoleDayPiece { Role: DayRole.Starting } s: frame.Starting ??= s.Day; break;
                case RoleDayPiece { Role: DayRole.Except } e: frame.Except.Add(e.Day); break;
            }
        }

        // "the Christmas party tonight": a holiday in a name gives way to any other time said.
        if (frame.Day is { InName: true } && (frame.Part is { Today: true } || frame.Week is not null || frame.Month is not null || frame.Offset is not null))
        {
            frame.Day = null;
        }

        // "next week on Monday", "Monday, next week": the weekday of that week.
        if (frame is { Day: { Kind: DayKind.Weekday, This: false, Next: false, Last: false, Plus: 0 } weekday, Week: { Weekend: false } week, Recurrence: null })
        {
            frame.Day = new DayPiece(DayKind.WeekdayOfWeek, week.Weeks, Weekday: weekday.Weekday);
            frame.Week = null;
        }

        return frame;
    }
}

/// <summary>Which of the user's readings (<see cref="AmbiguityPreferences"/>) an answer depended on.</summary>
internal enum AmbiguityKind
{
    NextWeekday,
    SameWeekday,
    BareHour,
}

/// <summary>A reading the resolver chose where the other one gives a different time: <see cref="Meaning"/> says the other one.</summary>
internal sealed record Doubt(AmbiguityKind Kind, Piece Piece, string Meaning);

/// <summary>Turns a <see cref="Frame"/> into dates and instants, following the contract's conventions, DST-correct.</summary>
internal sealed class TimeResolver(LocalDateTime now, DateTimeZone zone, AmbiguityPreferences? ambiguity = null)
{
    private readonly AmbiguityPreferences _ambiguity = ambiguity ?? AmbiguityPreferences.Default;

    public LocalDate Today => now.Date;

    /// <summary>The readings chosen so far where the user's setting decided the time; one per kind, first wins.</summary>
    public List<Doubt> Doubts { get; } = [];

    public LocalDateTime Now => now;

    public LocalDate Date(DayPiece day, bool past = false) => Date0(day, past).PlusDays(day.Plus);

    private LocalDate Date0(DayPiece day, bool past)
    {
        past |= day.Last;
        switch (day.Kind)
        {
            case DayKind.Relative:
                return Today.PlusDays(day.Value);
            case DayKind.Weekday:
                return Weekday(day, past);
            case DayKind.WeekdayOfWeek:
                return Monday(day.Value).PlusDays((int)day.Weekday - 1);
            case DayKind.NthWeekday:
                var nth = NthWeekday(Today.Year, day);
                return nth < Today && !past ? NthWeekday(Today.Year + 1, day) : nth > Today && past ? NthWeekday(Today.Year - 1, day) : nth;
            case DayKind.MonthDay:
                var date = SafeDate(Today.Year, day.Month, day.Value);
                return past ? (date > Today ? SafeDate(Today.Year - 1, day.Month, day.Value) : date)
                    : date < Today ? SafeDate(Today.Year + 1, day.Month, day.Value) : date;
            default:
                var month = Today.With(DateAdjusters.StartOfMonth);
                if (day.Value < Today.Day && !past)
                {
                    month = month.PlusMonths(1);
                }
                else if (day.Value > Today.Day && past)
                {
                    month = month.PlusMonths(-1);
                }

                return SafeDate(month.Year, month.Month, day.Value);
        }
    }

    /// <summary>The Monday of the ISO week <paramref name="weeks"/> from the current one.</summary>
    public LocalDate Monday(int weeks) => Today.PlusDays(1 - (int)Today.DayOfWeek).PlusWeeks(weeks);

    private static LocalDate NthWeekday(int year, DayPiece day)
    {
        var first = new LocalDate(year, day.Month, 1);
        if (day.Value < 0)
        {
            var last = first.PlusMonths(1).PlusDays(-1);
            return last.PlusDays(-(((int)last.DayOfWeek - (int)day.Weekday + 7) % 7));
        }

        return first.PlusDays((((int)day.Weekday - (int)first.DayOfWeek + 7) % 7) + (7 * (day.Value - 1)));
    }

    /// <summary>Rule 4 and the user's readings: "Friday" is the next Friday after today; "next Friday" the coming one or next week's.</summary>
    private LocalDate Weekday(DayPiece day, bool past)
    {
        var ahead = ((int)day.Weekday - (int)Today.DayOfWeek + 7) % 7;
        if (past)
        {
            return Today.PlusDays(ahead == 0 ? -7 : ahead - 7);
        }

        if (day.This)
        {
            return Today.PlusDays(ahead);
        }

        var coming = Today.PlusDays(ahead == 0 ? 7 : ahead);
        if (day.Next)
        {
            var nextWeek = Monday(1).PlusDays((int)day.Weekday - 1);
            var useNextWeek = _ambiguity.NextWeekday == NextWeekdayReading.NextWeek;
            if (coming != nextWeek)
            {
                Doubt(AmbiguityKind.NextWeekday, day, useNextWeek ? $"the coming {day.Weekday}, {Short(coming)}" : $"{day.Weekday} of next week, {Short(nextWeek)}");
            }

            return useNextWeek ? nextWeek : coming;
        }

        if (ahead == 0)
        {
            var today = _ambiguity.SameWeekday == SameWeekdayReading.Today;
            Doubt(AmbiguityKind.SameWeekday, day, today ? $"a week from today, {Short(coming)}" : $"today, {Short(Today)}");
            return today ? Today : coming;
        }

        return coming;
    }

    /// <summary>
    /// A clock time on <paramref name="date"/> (null: not said). A bare hour follows the user's reading: rule 1 of the contract
    /// (working day), or the next time the clock shows it — which only differs today, so on other days rule 1 holds.
    /// </summary>
    public LocalTime Time(ClockPiece clock, DayPart? part, LocalDate? date)
    {
        var working = Clocks.Resolve(clock, part);
        if (clock.Exact || clock.Meridiem != Meridiem.None || part is not null || clock.Hour is < 1 or > 11 || (date is { } d && d != Today))
        {
            return working;
        }

        var morning = Clocks.Resolve(clock with { Meridiem = Meridiem.Am }, null);
        var evening = Clocks.Resolve(clock with { Meridiem = Meridiem.Pm }, null);
        var upcoming = morning > now.TimeOfDay ? morning : evening > now.TimeOfDay ? evening : morning;
        var useUpcoming = _ambiguity.BareHour == BareHourReading.NextOccurrence;
        var chosen = useUpcoming ? upcoming : working;
        var other = useUpcoming ? working : upcoming;
        if (other != chosen)
        {
            Doubt(AmbiguityKind.BareHour, clock, other.ToString(other.Minute == 0 ? "h tt" : "h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant());
        }

        return chosen;
    }

    private void Doubt(AmbiguityKind kind, Piece piece, string meaning)
    {
        if (!Doubts.Exists(d => d.Kind == kind))
        {
            Doubts.Add(new Doubt(kind, piece, meaning));
        }
    }

    private static string Short(LocalDate date) => date.ToString("MMM d", CultureInfo.InvariantCulture);

    private static LocalDate SafeDate(int year, int month, int day) =>
        new(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)));

    public OffsetDateTime At(LocalDate date, LocalTime time, DateTimeZone? spoken = null) =>
        (spoken ?? zone).AtLeniently(date + time).ToOffsetDateTime();

    public OffsetDateTime StartOf(LocalDate date) => zone.AtStartOfDay(date).ToOffsetDateTime();

    /// <summary>An event's start moved by whole days on the calendar (keeping its clock time) or by minutes of elapsed time.</summary>
    public OffsetDateTime Shifted(OffsetDateTime start, int minutes) => minutes % 1440 == 0
        ? zone.AtLeniently(start.InZone(zone).LocalDateTime.PlusDays(minutes / 1440)).ToOffsetDateTime()
        : start.ToInstant().Plus(Duration.FromMinutes(minutes)).InZone(zone).ToOffsetDateTime();

    public OffsetDateTime FromNow(Duration amount) =>
        zone.AtLeniently(now).ToInstant().Plus(amount).InZone(zone).ToOffsetDateTime();

    public static LocalTime PartStart(DayPart part) => part switch
    {
        DayPart.Morning => new LocalTime(9, 0),
        DayPart.Afternoon => new LocalTime(14, 0),
        DayPart.Evening => new LocalTime(18, 0),
        _ => new LocalTime(20, 0),
    };

    public static (LocalTime From, LocalTime To) PartRange(DayPart part) => part switch
    {
        DayPart.Morning => (new LocalTime(8, 0), new LocalTime(12, 0)),
        DayPart.Afternoon => (new LocalTime(12, 0), new LocalTime(16, 0)),
        DayPart.Evening => (new LocalTime(16, 0), new LocalTime(20, 0)),
        _ => (new LocalTime(20, 0), LocalTime.Midnight),
    };

    /// <summary>"from 7 to 11 pm" → 19–23; "from 11 to 2 pm" → 11–14: a trailing am/pm applies to both unless that inverts them.</summary>
    public static (LocalTime From, LocalTime To) Range(RangePiece range, DayPart? part)
    {
        var to = Clocks.Resolve(range.To, part);
        if (range.To.Meridiem != Meridiem.None && range.From.Meridiem == Meridiem.None && !range.From.Exact)
        {
            var from = Clocks.Resolve(range.From with { Meridiem = range.To.Meridiem }, part);
            if (from > to)
            {
                from = Clocks.Resolve(range.From with { Meridiem = range.To.Meridiem == Meridiem.Pm ? Meridiem.Am : Meridiem.Pm }, part);
            }

            return (from, to);
        }

        return (Clocks.Resolve(range.From, part), to);
    }

    /// <summary>[start, end) of what a query asks about: a range of clock times, a part of a day, a day, a week.</summary>
    public (OffsetDateTime Start, OffsetDateTime End)? QueryRange(Frame frame)
    {
        var date = frame.Day is { } d ? Date(d) : Today;
        if (frame.Range is { } range)
        {
            var (from, to) = Range(range, frame.Part?.Part);
            return (At(date, from), to > from ? At(date, to) : At(date.PlusDays(1), to));
        }

        if (frame.Month is { } month && frame.Day is null)
        {
            var first = Today.With(DateAdjusters.StartOfMonth).PlusMonths(month.Months);
            return (month.Rest ? StartOf(Today.PlusDays(1)) : StartOf(first), StartOf(first.PlusMonths(1)));
        }

        if (frame.Week is { } week)
        {
            var monday = Monday(week.Weeks);
            return week.Weekend
                ? (StartOf(monday.PlusDays(5)), StartOf(monday.PlusDays(7)))
                : (StartOf(monday), StartOf(monday.PlusDays(7)));
        }

        if (frame.Part is { } part)
        {
            var (from, to) = PartRange(part.Part);
            return (At(date, from), to == LocalTime.Midnight ? StartOf(date.PlusDays(1)) : At(date, to));
        }

        if (frame.Day is not null)
        {
            return (StartOf(date), StartOf(date.PlusDays(1)));
        }

        return null;
    }

    /// <summary>
    /// When something new happens: an event's start (and end), a reminder's time, a moved event's new start.
    /// A clock time already past today with no date is tomorrow's; a date with no time is all-day (events) or 09:00 (reminders).
    /// </summary>
    public Moment? Start(Frame frame, bool reminder, LocalDate? fallbackDate = null, LocalTime? fallbackTime = null)
    {
        if (frame.Offset is { } offset)
        {
            return new Moment(FromNow(offset.Amount), null, false, null);
        }

        var part = frame.Part?.Part;
        LocalTime? time = null;
        LocalTime? end = null;
        if (frame.Range is { } range)
        {
            (var from, var to) = Range(range, part);
            time = from;
            end = to;
        }
        else if (part is { } p && frame.Clock is null)
        {
            time = PartStart(p);
        }

        LocalDate? date = frame.Day is { } day ? Date(day) : frame.Part is { Today: true } ? Today : fallbackDate;
        if (frame.Clock is { } clock && frame.Range is null)
        {
            time = Time(clock, part, frame.Recurrence is null ? date : Today.PlusDays(1));
        }

        time ??= fallbackTime;
        string? rule = null;
        var dayGiven = frame.Day is not null;
        if (frame.Recurrence is { } recurrence)
        {
            if (recurrence is { Freq: "WEEKLY", Days.Count: 0 } && frame.Day is { Kind: DayKind.Weekday } weekday)
            {
                recurrence = recurrence with { Days = [weekday.Weekday] };
                date = null;
                dayGiven = false;
            }

            var from = frame.Starting is { } s ? Date(s) : date ?? Today;
            date = FirstOccurrence(recurrence, from, time ?? (reminder ? new LocalTime(9, 0) : LocalTime.Midnight), frame.Starting is not null || dayGiven);
            rule = Rule(recurrence, frame);
            if (recurrence.Freq == "HOURLY" && time is null)
            {
                return new Moment(FromNow(NodaTime.Duration.FromHours(recurrence.Interval)), null, false, rule);
            }
        }
        else if (frame.Starting is { } starting)
        {
            date ??= Date(starting);
        }

        if (date is null && time is null)
        {
            return null;
        }

        if (date is null)
        {
            date = time > now.TimeOfDay ? Today : Today.PlusDays(1);
        }

        if (time is null)
        {
            return reminder
                ? new Moment(At(date.Value, new LocalTime(9, 0)), null, false, rule)
                : new Moment(StartOf(date.Value), null, true, rule);
        }

        var spoken = frame.Zone?.Zone;
        var startAt = At(date.Value, time.Value, spoken);
        OffsetDateTime? endAt = end is { } e ? At(e > time ? date.Value : date.Value.PlusDays(1), e, spoken) : null;
        return new Moment(startAt, endAt, false, rule);
    }

    private LocalDate FirstOccurrence(RecurrencePiece rule, LocalDate from, LocalTime time, bool dateGiven)
    {
        for (var i = 0; i < 400; i++)
        {
            var date = from.PlusDays(i);
            if (date == Today && !dateGiven && time <= now.TimeOfDay)
            {
                continue;
            }

            if (Matches(rule, date))
            {
                return date;
            }
        }

        return from;
    }

    private static bool Matches(RecurrencePiece rule, LocalDate date)
    {
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month);
        if (rule.MonthDay > 0)
        {
            return date.Day == Math.Min(rule.MonthDay, daysInMonth);
        }

        if (rule.Days.Count > 0 && !rule.Days.Contains(date.DayOfWeek))
        {
            return false;
        }

        return rule.NthWeekday switch
        {
            0 => true,
            -1 => date.Day + 7 > daysInMonth,
            var n => ((date.Day - 1) / 7) + 1 == n,
        };
    }

    private string Rule(RecurrencePiece rule, Frame frame)
    {
        var parts = new List<string> { $"FREQ={rule.Freq}" };
        if (rule.Interval > 1)
        {
            parts.Add($"INTERVAL={rule.Interval}");
        }

        if (rule.Days.Count > 0)
        {
            var nth = rule.NthWeekday == 0 ? "" : rule.NthWeekday.ToString();
            parts.Add("BYDAY=" + string.Join(',', rule.Days.Select(d => nth + d.ToString()[..2].ToUpperInvariant())));
        }

        if (rule.MonthDay > 0)
        {
            parts.Add($"BYMONTHDAY={rule.MonthDay}");
        }

        if (frame.Count is { } count)
        {
            parts.Add($"COUNT={count.Count}");
        }
        else if (frame.Until is { } until)
        {
            parts.Add($"UNTIL={Date(until):yyyyMMdd}");
        }

        return string.Join(';', parts);
    }
}

/// <summary>A resolved start: an instant, an optional end, all-day or not, and the RRULE when it repeats.</summary>
internal sealed record Moment(OffsetDateTime Start, OffsetDateTime? End, bool AllDay, string? Rule);
