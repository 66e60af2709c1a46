using System.Globalization;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Recurrence;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Domain.Tests.Recurrence;

public class RecurrenceSetTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly LocalDateTimePattern Compact = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmm");
    private static readonly Duration Hour = Duration.FromHours(1);

    // RFC 5545 §3.8.5.3, DTSTART in America/New_York at 09:00 unless the example says otherwise.
    [Theory]
    [InlineData("FREQ=DAILY;COUNT=10", "19970902", 20, "19970902 19970903 19970904 19970905 19970906 19970907 19970908 19970909 19970910 19970911")]
    [InlineData("FREQ=DAILY;INTERVAL=10;COUNT=5", "19970902", 20, "19970902 19970912 19970922 19971002 19971012")]
    [InlineData("FREQ=DAILY;INTERVAL=2", "19970902", 4, "19970902 19970904 19970906 19970908")]
    [InlineData("FREQ=WEEKLY;COUNT=10", "19970902", 20, "19970902 19970909 19970916 19970923 19970930 19971007 19971014 19971021 19971028 19971104")]
    [InlineData("FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", "19970902", 20, "19970902 19970904 19970909 19970911 19970916 19970918 19970923 19970925 19970930 19971002")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", "19970902", 20, "19970902 19970904 19970916 19970918 19970930 19971002 19971014 19971016")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "19970805", 20, "19970805 19970810 19970819 19970824")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "19970805", 20, "19970805 19970817 19970819 19970831")]
    [InlineData("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "19970905", 20, "19970905 19971003 19971107 19971205 19980102 19980206 19980306 19980403 19980501 19980605")]
    [InlineData("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "19970907", 20, "19970907 19970928 19971102 19971130 19980104 19980125 19980301 19980329 19980503 19980531")]
    [InlineData("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "19970922", 20, "19970922 19971020 19971117 19971222 19980119 19980216")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-3", "19970928", 6, "19970928 19971029 19971128 19971229 19980129 19980226")]
    [InlineData("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", "19970902", 20, "19970902 19970915 19971002 19971015 19971102 19971115 19971202 19971215 19980102 19980115")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR", "19970926", 4, "19970926 19971031 19971128 19971226")]
    [InlineData("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "19970610", 20, "19970610 19970710 19980610 19980710 19990610 19990710 20000610 20000710 20010610 20010710")]
    [InlineData("FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "19970101", 20, "19970101 19970410 19970719 20000101 20000409 20000718 20030101 20030410 20030719 20060101")]
    [InlineData("FREQ=YEARLY;BYDAY=20MO", "19970519", 3, "19970519 19980518 19990517")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "19970512", 3, "19970512 19980511 19990517")]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "19970313", 11, "19970313 19970320 19970327 19980305 19980312 19980319 19980326 19990304 19990311 19990318 19990325")]
    [InlineData("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "19970913", 10, "19970913 19971011 19971108 19971213 19980110 19980207 19980307 19980411 19980509 19980613")]
    [InlineData("FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "19961105", 3, "19961105 20001107 20041102")]
    [InlineData("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "19970904", 20, "19970904 19971007 19971106")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "19970929", 7, "19970929 19971030 19971127 19971230 19980129 19980226 19980330")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "20070115", 20, "20070115 20070130 20070215 20070315 20070330")]
    public void Expand_Rfc5545Examples_GiveTheListedDates(string rule, string firstDay, int take, string expected)
    {
        var start = LocalDatePattern.Iso.Parse($"{firstDay[..4]}-{firstDay[4..6]}-{firstDay[6..]}").Value.At(new LocalTime(9, 0));
        var series = RecurrenceSet.Timed(RecurrenceRule.Parse(rule), start, NewYork, Hour);

        var days = series.Expand(Instant.FromUtc(1990, 1, 1, 0, 0), Instant.FromUtc(2010, 1, 1, 0, 0))
            .Take(take)
            .Select(o => o.RecurrenceId.Date.ToString("uuuuMMdd", CultureInfo.InvariantCulture));

        string.Join(' ', days).ShouldBe(expected);
    }

    [Fact]
    public void Expand_DailyUntilUtc_StopsAtTheUntilInstantInclusive()
    {
        var series = Timed("FREQ=DAILY;UNTIL=19971224T140000Z", new LocalDateTime(1997, 9, 2, 9, 0), NewYork);

        var occurrences = series.Expand(Instant.FromUtc(1997, 1, 1, 0, 0), Instant.FromUtc(1999, 1, 1, 0, 0));

        occurrences.Count.ShouldBe(114);
        occurrences[^1].RecurrenceId.ShouldBe(new LocalDateTime(1997, 12, 24, 9, 0));
    }

    [Fact]
    public void Expand_EveryDayInJanuaryForThreeYears_Gives93Occurrences()
    {
        var series = Timed(
            "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", new LocalDateTime(1998, 1, 1, 9, 0), NewYork);

        var occurrences = series.Expand(Instant.FromUtc(1997, 1, 1, 0, 0), Instant.FromUtc(2005, 1, 1, 0, 0));

        occurrences.Count.ShouldBe(93);
        occurrences.ShouldAllBe(o => o.RecurrenceId.Month == 1 && o.RecurrenceId.Hour == 9);
    }

    [Fact]
    public void Expand_FridayThe13thWithDtstartExcluded_GivesOnlyFridays()
    {
        var start = new LocalDateTime(1997, 9, 2, 9, 0);
        var series = RecurrenceSet.Timed(RecurrenceRule.Parse("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"), start, NewYork, Hour, [start]);

        var days = series.Expand(Instant.FromUtc(1997, 1, 1, 0, 0), Instant.FromUtc(2001, 1, 1, 0, 0)).Select(o => o.RecurrenceId.Date);

        days.ShouldBe([new(1998, 2, 13), new(1998, 3, 13), new(1998, 11, 13), new(1999, 8, 13), new(2000, 10, 13)]);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public void Expand_WeeklyMeetingAcrossBothDstChanges_StaysAtNineLocal(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var series = Timed("FREQ=WEEKLY;BYDAY=MO", new LocalDateTime(2025, 1, 6, 9, 0), zone);

        var occurrences = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0));

        occurrences.Count.ShouldBe(52);
        occurrences.ShouldAllBe(o => o.Start.InZone(zone).TimeOfDay == new LocalTime(9, 0) && o.RecurrenceId.TimeOfDay == new LocalTime(9, 0));
        occurrences.Select(o => zone.GetUtcOffset(o.Start)).Distinct().Count().ShouldBe(2);
        occurrences.ShouldAllBe(o => o.End - o.Start == Hour);
    }

    [Fact]
    public void Expand_DailyAtHalfPastTwoOnSpringForwardDay_ShiftsByTheGapButKeepsItsId()
    {
        var series = Timed("FREQ=DAILY", new LocalDateTime(2025, 3, 29, 2, 30), Berlin);

        var occurrences = series.Expand(Instant.FromUtc(2025, 3, 29, 0, 0), Instant.FromUtc(2025, 4, 1, 0, 0));

        var springForward = occurrences[1];
        springForward.RecurrenceId.ShouldBe(new LocalDateTime(2025, 3, 30, 2, 30));
        springForward.Start.InZone(Berlin).LocalDateTime.ShouldBe(new LocalDateTime(2025, 3, 30, 3, 30));
        springForward.Start.ShouldBe(Instant.FromUtc(2025, 3, 30, 1, 30));
        occurrences[2].Start.InZone(Berlin).LocalDateTime.ShouldBe(new LocalDateTime(2025, 3, 31, 2, 30));
    }

    [Fact]
    public void Expand_DailyAtHalfPastTwoOnFallBackDay_TakesTheEarlierOffset()
    {
        var series = Timed("FREQ=DAILY", new LocalDateTime(2025, 10, 25, 2, 30), Berlin);

        var occurrences = series.Expand(Instant.FromUtc(2025, 10, 25, 0, 0), Instant.FromUtc(2025, 10, 28, 0, 0));

        occurrences[1].RecurrenceId.ShouldBe(new LocalDateTime(2025, 10, 26, 2, 30));
        occurrences[1].Start.ShouldBe(Instant.FromUtc(2025, 10, 26, 0, 30));
    }

    [Fact]
    public void Expand_ExceptionDates_RemoveOccurrencesButStillCountTowardsCount()
    {
        var start = new LocalDateTime(2025, 6, 2, 9, 0);
        var series = RecurrenceSet.Timed(
            RecurrenceRule.Parse("FREQ=DAILY;COUNT=5"), start, Berlin, Hour, [new LocalDateTime(2025, 6, 4, 9, 0)]);

        var days = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0)).Select(o => o.RecurrenceId.Day);

        days.ShouldBe([2, 3, 5, 6]);
    }

    [Fact]
    public void ExceptAt_Instant_RemovesTheOccurrenceStartingThen()
    {
        var series = Timed("FREQ=DAILY;COUNT=3", new LocalDateTime(2025, 6, 2, 9, 0), Berlin)
            .ExceptAt([Instant.FromUtc(2025, 6, 3, 7, 0)]);

        var days = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0)).Select(o => o.RecurrenceId.Day);

        days.ShouldBe([2, 4]);
    }

    [Theory]
    [InlineData("FREQ=DAILY;UNTIL=20250605T090000", 4)]
    [InlineData("FREQ=DAILY;UNTIL=20250605T085959", 3)]
    [InlineData("FREQ=DAILY;UNTIL=20250605T070000Z", 4)]
    [InlineData("FREQ=DAILY;UNTIL=20250605T065959Z", 3)]
    [InlineData("FREQ=DAILY;UNTIL=20250605", 4)]
    public void Expand_Until_IsInclusive(string rule, int count)
    {
        var series = Timed(rule, new LocalDateTime(2025, 6, 2, 9, 0), Berlin);

        series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0)).Count.ShouldBe(count);
    }

    [Fact]
    public void Expand_Window_IncludesOccurrencesOverlappingItAndNothingTouchingItsEdges()
    {
        var series = Timed("FREQ=DAILY", new LocalDateTime(2025, 6, 2, 9, 0), DateTimeZone.Utc);

        series.Expand(Instant.FromUtc(2025, 6, 3, 9, 30), Instant.FromUtc(2025, 6, 4, 9, 0))
            .Select(o => o.RecurrenceId.Day).ShouldBe([3]);
        series.Expand(Instant.FromUtc(2025, 6, 3, 10, 0), Instant.FromUtc(2025, 6, 4, 9, 1))
            .Select(o => o.RecurrenceId.Day).ShouldBe([4]);
    }

    [Fact]
    public void Expand_DtstartNotMatchingTheRule_IsTheFirstOccurrenceAndCounts()
    {
        var series = Timed("FREQ=WEEKLY;BYDAY=FR;COUNT=3", new LocalDateTime(2025, 6, 2, 9, 0), Berlin);

        var days = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0)).Select(o => o.RecurrenceId.Date);

        days.ShouldBe([new(2025, 6, 2), new(2025, 6, 6), new(2025, 6, 13)]);
    }

    [Fact]
    public void Expand_WindowYearsLater_SkipsAheadToTheSameOccurrencesAsAFullExpansion()
    {
        var rules = new[]
        {
            "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU", "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
        };
        var from = Instant.FromUtc(2041, 3, 1, 0, 0);
        var to = Instant.FromUtc(2042, 3, 1, 0, 0);
        foreach (var rule in rules)
        {
            var series = Timed(rule, new LocalDateTime(2024, 2, 29, 23, 30), Berlin, Duration.FromHours(3));

            var skipped = series.Expand(from, to);
            var full = series.Expand(Instant.FromUtc(2024, 1, 1, 0, 0), to).Where(o => o.End > from);

            skipped.ShouldBe(full, rule);
        }
    }

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31")]
    [InlineData("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2")]
    public void Expand_RuleThatNeverMatches_ReturnsOnlyDtstartInsteadOfRunningAway(string rule)
    {
        var series = Timed(rule, new LocalDateTime(2025, 1, 31, 9, 0), Berlin);

        var occurrences = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(9000, 1, 1, 0, 0));

        occurrences.Select(o => o.RecurrenceId).ShouldBe([new LocalDateTime(2025, 1, 31, 9, 0)]);
    }

    [Fact]
    public void Expand_UnboundedWindow_StopsAtCount()
    {
        var series = Timed("FREQ=MONTHLY;COUNT=4;BYDAY=-1FR", new LocalDateTime(2025, 1, 31, 9, 0), Berlin);

        series.Expand(Instant.MinValue, Instant.MaxValue).Count.ShouldBe(4);
        Timed("FREQ=MONTHLY;BYDAY=-1FR", new LocalDateTime(2025, 1, 31, 9, 0), Berlin)
            .Expand(Instant.MinValue, Instant.FromUtc(2026, 1, 1, 0, 0)).Count.ShouldBe(12);
    }

    [Fact]
    public void Expand_ByWeekNo_UsesIsoWeeksAcrossTheYearBoundary()
    {
        var series = Timed("FREQ=YEARLY;BYWEEKNO=52;BYDAY=SA,SU", new LocalDateTime(2021, 12, 26, 9, 0), Berlin);

        var days = series.Expand(Instant.FromUtc(2021, 12, 27, 0, 0), Instant.FromUtc(2023, 6, 1, 0, 0)).Select(o => o.RecurrenceId.Date);

        days.ShouldBe([new(2022, 1, 1), new(2022, 1, 2), new(2022, 12, 31), new(2023, 1, 1)]);
    }

    [Fact]
    public void Expand_ByHourAndMinuteInWeekly_ExpandsEachDayInTimeOrder()
    {
        var series = Timed("FREQ=WEEKLY;COUNT=6;BYDAY=TU,TH;BYHOUR=14,8;BYMINUTE=30", new LocalDateTime(2025, 6, 3, 8, 30), Berlin);

        var ids = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0)).Select(o => Compact.Format(o.RecurrenceId));

        ids.ShouldBe(["20250603T0830", "20250603T1430", "20250605T0830", "20250605T1430", "20250610T0830", "20250610T1430"]);
    }

    [Fact]
    public void Expand_BySetPosOverTimesOfTheDay_PicksThatInstanceOfEachDay()
    {
        var series = Timed("FREQ=DAILY;COUNT=3;BYHOUR=8,12,18;BYSETPOS=-1", new LocalDateTime(2025, 6, 3, 18, 0), Berlin);

        var ids = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0)).Select(o => Compact.Format(o.RecurrenceId));

        ids.ShouldBe(["20250603T1800", "20250604T1800", "20250605T1800"]);
    }

    [Fact]
    public void Expand_AllDaySeries_CoversWholeLocalDaysAcrossDst()
    {
        var series = RecurrenceSet.AllDay(RecurrenceRule.Parse("FREQ=WEEKLY;COUNT=3"), new LocalDate(2025, 3, 23), 1, Berlin);

        var occurrences = series.Expand(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0));

        occurrences.Select(o => o.End - o.Start).ShouldBe([Duration.FromHours(24), Duration.FromHours(23), Duration.FromHours(24)]);
        occurrences[1].Start.ShouldBe(Instant.FromUtc(2025, 3, 29, 23, 0));
    }

    [Fact]
    public void AllDay_WithTimesOfDay_IsRejected()
    {
        var error = Should.Throw<DomainException>(() =>
            RecurrenceSet.AllDay(RecurrenceRule.Parse("FREQ=DAILY;BYHOUR=9"), new LocalDate(2025, 1, 1), 1, Berlin));

        error.Code.ShouldBe("INVALID_RECURRENCE");
    }

    [Fact]
    public void Timed_WithoutPositiveDuration_IsRejected() =>
        Should.Throw<DomainException>(() => Timed("FREQ=DAILY", new LocalDateTime(2025, 1, 1, 9, 0), Berlin, Duration.Zero))
            .Code.ShouldBe("INVALID_TIME_RANGE");

    [Fact]
    public void Equals_SameSeriesWithExceptionsInAnotherOrder_IsEqual()
    {
        var rule = RecurrenceRule.Parse("FREQ=DAILY");
        var start = new LocalDateTime(2025, 1, 1, 9, 0);
        LocalDateTime[] exdates = [start.PlusDays(1), start.PlusDays(2)];

        RecurrenceSet.Timed(rule, start, Berlin, Hour, exdates)
            .ShouldBe(RecurrenceSet.Timed(RecurrenceRule.Parse("FREQ=DAILY"), start, Berlin, Hour, exdates.Reverse()));
    }

    private static RecurrenceSet Timed(string rule, LocalDateTime start, DateTimeZone zone, Duration? duration = null) =>
        RecurrenceSet.Timed(RecurrenceRule.Parse(rule), start, zone, duration ?? Hour);
}
