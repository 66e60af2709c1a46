using NodaTime;
using NodaTime.TimeZones;

namespace CleanAssistant.Domain.Recurrence;

internal sealed class RecurrenceExpander
{
    private const int MaxPeriodDays = 366 + 7;

    private readonly RecurrenceSet _set;
    private readonly RecurrenceFrequency _frequency;
    private readonly int _interval;
    private readonly int? _count;
    private readonly RecurrenceUntil? _until;
    private readonly int _weekStart;
    private readonly int _monthMask;
    private readonly int _weekdayMask;
    private readonly ulong[] _nthFromStart = new ulong[8];
    private readonly ulong[] _nthFromEnd = new ulong[8];
    private readonly bool _hasNth;
    private readonly bool _nthInMonth;
    private readonly ulong _monthDaysFromStart;
    private readonly ulong _monthDaysFromEnd;
    private readonly bool _hasMonthDay;
    private readonly bool[]? _yearDaysFromStart;
    private readonly bool[]? _yearDaysFromEnd;
    private readonly ulong _weekNosFromStart;
    private readonly ulong _weekNosFromEnd;
    private readonly bool _hasWeekNo;
    private readonly LocalTime[] _times;
    private readonly int[] _setPositions;
    private readonly int _maxEmptyPeriods;
    private readonly Duration _longestOccurrence;

    public RecurrenceExpander(RecurrenceSet set)
    {
        _set = set;
        var rule = set.Rule;
        var start = set.Start;
        _frequency = rule.Frequency;
        _interval = rule.Interval;
        _count = rule.Count;
        _until = rule.Until;
        _weekStart = (int)rule.WeekStart;
        _longestOccurrence = set.IsAllDay ? Duration.FromHours(25 * set.AllDayDays) : set.Duration;

        var byMonth = rule.ByMonth;
        var byMonthDay = rule.ByMonthDay;
        var byDay = rule.ByDay;
        var hasNoDayPart = rule.ByWeekNo.Count == 0 && rule.ByYearDay.Count == 0 && byMonthDay.Count == 0 && byDay.Count == 0;
        if (hasNoDayPart)
        {
            switch (_frequency)
            {
                case RecurrenceFrequency.Yearly:
                    byMonth = byMonth.Count == 0 ? [start.Month] : byMonth;
                    byMonthDay = [start.Day];
                    break;
                case RecurrenceFrequency.Monthly:
                    byMonthDay = [start.Day];
                    break;
                case RecurrenceFrequency.Weekly:
                    byDay = [new RecurrenceWeekday(start.DayOfWeek)];
                    break;
                default:
                    break;
            }
        }

        foreach (var month in byMonth)
        {
            _monthMask |= 1 << month;
        }

        foreach (var weekday in byDay)
        {
            if (weekday.Ordinal == 0)
            {
                _weekdayMask |= 1 << (int)weekday.Day;
            }
            else if (weekday.Ordinal > 0)
            {
                _nthFromStart[(int)weekday.Day] |= 1UL << weekday.Ordinal;
                _hasNth = true;
            }
            else
            {
                _nthFromEnd[(int)weekday.Day] |= 1UL << -weekday.Ordinal;
                _hasNth = true;
            }
        }

        _nthInMonth = _frequency == RecurrenceFrequency.Monthly || byMonth.Count > 0;

        foreach (var day in byMonthDay)
        {
            _hasMonthDay = true;
            if (day > 0)
            {
                _monthDaysFromStart |= 1UL << day;
            }
            else
            {
                _monthDaysFromEnd |= 1UL << -day;
            }
        }

        if (rule.ByYearDay.Count > 0)
        {
            _yearDaysFromStart = new bool[367];
            _yearDaysFromEnd = new bool[367];
            foreach (var day in rule.ByYearDay)
            {
                if (day > 0)
                {
                    _yearDaysFromStart[day] = true;
                }
                else
                {
                    _yearDaysFromEnd[-day] = true;
                }
            }
        }

        foreach (var week in rule.ByWeekNo)
        {
            _hasWeekNo = true;
            if (week > 0)
            {
                _weekNosFromStart |= 1UL << week;
            }
            else
            {
                _weekNosFromEnd |= 1UL << -week;
            }
        }

        _times = TimesOfDay(rule, start.TimeOfDay);
        _setPositions = [.. rule.BySetPos];
        _maxEmptyPeriods = 10 + _frequency switch
        {
            RecurrenceFrequency.Daily => 146_097,
            RecurrenceFrequency.Weekly => 20_871,
            RecurrenceFrequency.Monthly => 4_800,
            _ => 400,
        };
    }

    public IReadOnlyList<Occurrence> Expand(Instant from, Instant to)
    {
        var run = new Run(this, from, to);
        run.Execute();
        if (run.OutOfOrder)
        {
            run.Results.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.RecurrenceId.CompareTo(b.RecurrenceId));
        }

        return run.Results;
    }

    private static LocalTime[] TimesOfDay(RecurrenceRule rule, LocalTime startTime)
    {
        if (rule.ByHour.Count == 0 && rule.ByMinute.Count == 0 && rule.BySecond.Count == 0)
        {
            return [startTime];
        }

        IReadOnlyList<int> hours = rule.ByHour.Count > 0 ? rule.ByHour : [startTime.Hour];
        IReadOnlyList<int> minutes = rule.ByMinute.Count > 0 ? rule.ByMinute : [startTime.Minute];
        IReadOnlyList<int> seconds = rule.BySecond.Count > 0 ? rule.BySecond : [startTime.Second];
        var times = new List<LocalTime>(hours.Count * minutes.Count * seconds.Count);
        foreach (var hour in hours)
        {
            foreach (var minute in minutes)
            {
                foreach (var second in seconds)
                {
                    times.Add(new LocalTime(hour, minute, second));
                }
            }
        }

        times.Sort();
        return [.. times];
    }

    private static int WeekOneStart(int year, int weekStart)
    {
        var jan1 = (int)new LocalDate(year, 1, 1).DayOfWeek;
        var offset = (weekStart - jan1 + 7) % 7;
        return offset >= 4 ? 1 + offset - 7 : 1 + offset;
    }

    private static int WeeksInYear(int year, int weekStart) =>
        (WeekOneStart(year + 1, weekStart) + CalendarSystem.Iso.GetDaysInYear(year) - WeekOneStart(year, weekStart)) / 7;

    private bool WeekdayMatches(int day, int dayOfWeek, int dayOfYear, int monthLength, int yearLength)
    {
        if ((_weekdayMask & (1 << dayOfWeek)) != 0)
        {
            return true;
        }

        if (!_hasNth)
        {
            return false;
        }

        int fromStart, fromEnd;
        if (_nthInMonth)
        {
            fromStart = ((day - 1) / 7) + 1;
            fromEnd = ((monthLength - day) / 7) + 1;
        }
        else
        {
            fromStart = ((dayOfYear - 1) / 7) + 1;
            fromEnd = ((yearLength - dayOfYear) / 7) + 1;
        }

        return ((_nthFromStart[dayOfWeek] >> fromStart) & 1) != 0 || ((_nthFromEnd[dayOfWeek] >> fromEnd) & 1) != 0;
    }

    private sealed class Run(RecurrenceExpander rule, Instant from, Instant to)
    {
        private readonly RecurrenceSet _set = rule._set;
        private readonly LocalDate[] _days = new LocalDate[MaxPeriodDays];
        private readonly List<LocalDateTime> _picked = [];
        private LocalDateTime _stopAfter;
        private Instant? _untilInstant;
        private Instant _lastStart = Instant.MinValue;
        private int _generated;
        private bool _finished;
        private int _weekInfoYear = int.MinValue;
        private int _weekOneStart;
        private int _weeksInYear;
        private int _weeksInPreviousYear;
        private int _weeksInNextYear;

        public List<Occurrence> Results { get; } = [];

        public bool OutOfOrder { get; private set; }

        public void Execute()
        {
            var zone = _set.Zone;
            var start = _set.Start;
            _stopAfter = LocalAfter(to, zone).PlusDays(2);
            if (rule._until is { } until)
            {
                var untilLocal = until.Kind switch
                {
                    RecurrenceUntilKind.Utc => LocalAfter(until.Value.InUtc().ToInstant(), zone).PlusDays(2),
                    RecurrenceUntilKind.Local => until.Value,
                    _ => until.Value.Date.At(LocalTime.MaxValue),
                };
                _untilInstant = until.Kind == RecurrenceUntilKind.Utc ? until.Value.InUtc().ToInstant() : null;
                _stopAfter = untilLocal < _stopAfter ? untilLocal : _stopAfter;
            }

            _generated = 1;
            Consider(start, isStart: true);
            if (rule._count == 1)
            {
                return;
            }

            var period = FirstPeriod(start, from);
            var emptyPeriods = 0;
            while (!_finished)
            {
                var periodStart = PeriodStart(start, period);
                if (periodStart is null || periodStart.Value > _stopAfter.Date)
                {
                    return;
                }

                var dayCount = FillDays(periodStart.Value);
                if (dayCount > 0 && EmitPeriod(dayCount, start))
                {
                    emptyPeriods = 0;
                }
                else if (++emptyPeriods > rule._maxEmptyPeriods)
                {
                    return;
                }

                period++;
            }
        }

        private static LocalDateTime LocalAfter(Instant instant, DateTimeZone zone)
        {
            var max = Instant.FromUtc(9998, 12, 1, 0, 0);
            var min = Instant.FromUtc(-9997, 2, 1, 0, 0);
            var clamped = instant > max ? max : instant < min ? min : instant;
            return clamped.InZone(zone).LocalDateTime;
        }

        private long FirstPeriod(LocalDateTime start, Instant windowStart)
        {
            if (rule._count is not null || windowStart < Instant.FromUtc(-9000, 1, 1, 0, 0))
            {
                return 0;
            }

            var earliest = LocalAfter(windowStart - rule._longestOccurrence, _set.Zone).PlusDays(-2).Date;
            if (earliest <= start.Date)
            {
                return 0;
            }

            long periods = rule._frequency switch
            {
                RecurrenceFrequency.Daily => Period.DaysBetween(start.Date, earliest),
                RecurrenceFrequency.Weekly => Period.DaysBetween(WeekStartOf(start.Date), earliest) / 7,
                RecurrenceFrequency.Monthly => ((earliest.Year - start.Year) * 12) + earliest.Month - start.Month,
                _ => earliest.Year - start.Year,
            };
            return Math.Max(0, periods / rule._interval);
        }

        private LocalDate WeekStartOf(LocalDate date) => date.PlusDays(-(((int)date.DayOfWeek - rule._weekStart + 7) % 7));

        private LocalDate? PeriodStart(LocalDateTime start, long period)
        {
            var step = period * rule._interval;
            switch (rule._frequency)
            {
                case RecurrenceFrequency.Daily:
                    return step > 3_000_000 ? null : start.Date.PlusDays((int)step);
                case RecurrenceFrequency.Weekly:
                    return step > 500_000 ? null : WeekStartOf(start.Date).PlusDays((int)step * 7);
                case RecurrenceFrequency.Monthly:
                    var months = (start.Year * 12L) + start.Month - 1 + step;
                    return months / 12 >= 9999 ? null : new LocalDate((int)(months / 12), (int)(months % 12) + 1, 1);
                default:
                    var year = start.Year + step;
                    return year >= 9999 ? null : new LocalDate((int)year, 1, 1);
            }
        }

        private int FillDays(LocalDate periodStart)
        {
            var count = 0;
            switch (rule._frequency)
            {
                case RecurrenceFrequency.Daily:
                    if (DayMatches(periodStart))
                    {
                        _days[count++] = periodStart;
                    }

                    break;
                case RecurrenceFrequency.Weekly:
                    for (var i = 0; i < 7; i++)
                    {
                        var day = periodStart.PlusDays(i);
                        if (DayMatches(day))
                        {
                            _days[count++] = day;
                        }
                    }

                    break;
                case RecurrenceFrequency.Monthly:
                    count = FillMonth(periodStart.Year, periodStart.Month, count);
                    break;
                default:
                    for (var month = 1; month <= 12; month++)
                    {
                        if (rule._monthMask == 0 || (rule._monthMask & (1 << month)) != 0)
                        {
                            count = FillMonth(periodStart.Year, month, count);
                        }
                    }

                    break;
            }

            return count;
        }

        private int FillMonth(int year, int month, int count)
        {
            if (rule._monthMask != 0 && (rule._monthMask & (1 << month)) == 0)
            {
                return count;
            }

            var first = new LocalDate(year, month, 1);
            var monthLength = CalendarSystem.Iso.GetDaysInMonth(year, month);
            var yearLength = CalendarSystem.Iso.GetDaysInYear(year);
            var dayOfYear = first.DayOfYear;
            var dayOfWeek = (int)first.DayOfWeek;
            for (var day = 1; day <= monthLength; day++, dayOfYear++, dayOfWeek = dayOfWeek == 7 ? 1 : dayOfWeek + 1)
            {
                if (Matches(year, day, dayOfWeek, dayOfYear, monthLength, yearLength))
                {
                    _days[count++] = first.PlusDays(day - 1);
                }
            }

            return count;
        }

        private bool DayMatches(LocalDate date)
        {
            if (rule._monthMask != 0 && (rule._monthMask & (1 << date.Month)) == 0)
            {
                return false;
            }

            var year = date.Year;
            return Matches(
                year,
                date.Day,
                (int)date.DayOfWeek,
                date.DayOfYear,
                CalendarSystem.Iso.GetDaysInMonth(year, date.Month),
                CalendarSystem.Iso.GetDaysInYear(year));
        }

        private bool Matches(int year, int day, int dayOfWeek, int dayOfYear, int monthLength, int yearLength)
        {
            if ((rule._weekdayMask != 0 || rule._hasNth) && !rule.WeekdayMatches(day, dayOfWeek, dayOfYear, monthLength, yearLength))
            {
                return false;
            }

            if (rule._hasMonthDay
                && ((rule._monthDaysFromStart >> day) & 1) == 0
                && ((rule._monthDaysFromEnd >> (monthLength - day + 1)) & 1) == 0)
            {
                return false;
            }

            if (rule._yearDaysFromStart is not null
                && !rule._yearDaysFromStart[dayOfYear]
                && !rule._yearDaysFromEnd![yearLength - dayOfYear + 1])
            {
                return false;
            }

            return !rule._hasWeekNo || WeekNoMatches(year, dayOfYear);
        }

        private bool WeekNoMatches(int year, int dayOfYear)
        {
            if (year != _weekInfoYear)
            {
                _weekInfoYear = year;
                _weekOneStart = WeekOneStart(year, rule._weekStart);
                _weeksInYear = WeeksInYear(year, rule._weekStart);
                _weeksInPreviousYear = WeeksInYear(year - 1, rule._weekStart);
                _weeksInNextYear = WeeksInYear(year + 1, rule._weekStart);
            }

            int week, fromEnd;
            if (dayOfYear < _weekOneStart)
            {
                week = _weeksInPreviousYear;
                fromEnd = 1;
            }
            else
            {
                week = ((dayOfYear - _weekOneStart) / 7) + 1;
                if (week > _weeksInYear)
                {
                    week = 1;
                    fromEnd = _weeksInNextYear;
                }
                else
                {
                    fromEnd = _weeksInYear - week + 1;
                }
            }

            return ((rule._weekNosFromStart >> week) & 1) != 0 || ((rule._weekNosFromEnd >> fromEnd) & 1) != 0;
        }

        private bool EmitPeriod(int dayCount, LocalDateTime start)
        {
            var times = rule._times;
            if (rule._setPositions.Length == 0)
            {
                for (var d = 0; d < dayCount && !_finished; d++)
                {
                    for (var t = 0; t < times.Length && !_finished; t++)
                    {
                        Generated(_days[d].At(times[t]), start);
                    }
                }

                return true;
            }

            var total = dayCount * times.Length;
            _picked.Clear();
            foreach (var position in rule._setPositions)
            {
                var index = position > 0 ? position - 1 : total + position;
                if (index >= 0 && index < total)
                {
                    var local = _days[index / times.Length].At(times[index % times.Length]);
                    if (!_picked.Contains(local))
                    {
                        _picked.Add(local);
                    }
                }
            }

            _picked.Sort();
            for (var i = 0; i < _picked.Count && !_finished; i++)
            {
                Generated(_picked[i], start);
            }

            return _picked.Count > 0;
        }

        private void Generated(LocalDateTime local, LocalDateTime start)
        {
            if (local <= start)
            {
                return;
            }

            if (local > _stopAfter || ++_generated > rule._count)
            {
                _finished = true;
                return;
            }

            Consider(local, isStart: false);
        }

        private void Consider(LocalDateTime local, bool isStart)
        {
            if (_set.ExceptionDateSet.Count > 0 && _set.ExceptionDateSet.Contains(local))
            {
                return;
            }

            var zone = _set.Zone;
            var startInstant = zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
            if ((_set.ExceptionInstantSet.Count > 0 && _set.ExceptionInstantSet.Contains(startInstant))
                || (!isStart && startInstant > _untilInstant))
            {
                return;
            }

            var end = _set.IsAllDay
                ? zone.AtStartOfDay(local.Date.PlusDays(_set.AllDayDays)).ToInstant()
                : startInstant + _set.Duration;
            if (startInstant < to && end > from)
            {
                if (startInstant < _lastStart)
                {
                    OutOfOrder = true;
                }

                _lastStart = startInstant;
                Results.Add(new Occurrence(startInstant, end, local));
            }
        }
    }
}
