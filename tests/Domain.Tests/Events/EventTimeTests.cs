using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using NodaTime;
using static CleanAssistant.Domain.Tests.Builders;

namespace CleanAssistant.Domain.Tests.Events;

public class EventTimeTests
{
    [Fact]
    public void Timed_WhenEndIsAfterStart_KeepsInstantsAndZone()
    {
        var start = Utc(2025, 6, 3, 10);
        var end = Utc(2025, 6, 3, 11, 30);

        var time = EventTime.Timed(start, end, Berlin);

        time.Start.ShouldBe(start);
        time.End.ShouldBe(end);
        time.TimeZone.ShouldBe(Berlin);
        time.IsAllDay.ShouldBeFalse();
        time.Duration.ShouldBe(Duration.FromMinutes(90));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60)]
    public void Timed_WhenEndIsNotAfterStart_IsRefused(int endMinutesAfterStart)
    {
        var start = Utc(2025, 6, 3, 10);

        var error = Should.Throw<DomainException>(() => EventTime.Timed(start, start + Duration.FromMinutes(endMinutesAfterStart), Berlin));

        error.Code.ShouldBe("INVALID_TIME_RANGE");
    }

    [Fact]
    public void Timed_LastingExactly366Days_IsAccepted()
    {
        var start = Utc(2025, 1, 1, 0);

        var time = EventTime.Timed(start, start + Duration.FromDays(366), Berlin);

        time.Duration.ShouldBe(Duration.FromDays(366));
    }

    [Fact]
    public void Timed_LongerThan366Days_IsRefused()
    {
        var start = Utc(2025, 1, 1, 0);

        var error = Should.Throw<DomainException>(() => EventTime.Timed(start, start + Duration.FromDays(366) + Duration.Epsilon, Berlin));

        error.Code.ShouldBe("INVALID_TIME_RANGE");
    }

    [Fact]
    public void AllDay_OneSummerDayInBerlin_RunsFromLocalMidnightToMidnight()
    {
        var time = EventTime.AllDay(new LocalDate(2025, 6, 3), new LocalDate(2025, 6, 4), Berlin);

        time.IsAllDay.ShouldBeTrue();
        time.TimeZone.ShouldBe(Berlin);
        time.Start.ShouldBe(Utc(2025, 6, 2, 22)); // CEST is UTC+2
        time.End.ShouldBe(Utc(2025, 6, 3, 22));
        time.Duration.ShouldBe(Duration.FromHours(24));
    }

    [Theory]
    [InlineData("Europe/Berlin", 2025, 3, 30)]
    [InlineData("America/New_York", 2025, 3, 9)]
    public void AllDay_AcrossSpringForward_CoversWholeLocalDayOf23Hours(string zoneId, int year, int month, int day)
    {
        var zone = TimeZoneId.From(zoneId);
        var date = new LocalDate(year, month, day);

        var time = EventTime.AllDay(date, date.PlusDays(1), zone);

        time.Duration.ShouldBe(Duration.FromHours(23));
        time.Start.InZone(zone.Zone).LocalDateTime.ShouldBe(date.AtMidnight());
        time.End.InZone(zone.Zone).LocalDateTime.ShouldBe(date.PlusDays(1).AtMidnight());
    }

    [Theory]
    [InlineData("Europe/Berlin", 2025, 10, 26)]
    [InlineData("America/New_York", 2025, 11, 2)]
    public void AllDay_AcrossFallBack_CoversWholeLocalDayOf25Hours(string zoneId, int year, int month, int day)
    {
        var zone = TimeZoneId.From(zoneId);
        var date = new LocalDate(year, month, day);

        var time = EventTime.AllDay(date, date.PlusDays(1), zone);

        time.Duration.ShouldBe(Duration.FromHours(25));
        time.Start.InZone(zone.Zone).LocalDateTime.ShouldBe(date.AtMidnight());
        time.End.InZone(zone.Zone).LocalDateTime.ShouldBe(date.PlusDays(1).AtMidnight());
    }

    [Fact]
    public void AllDay_WeekContainingSpringForward_EndsAtLocalMidnightAfterLastDay()
    {
        var time = EventTime.AllDay(new LocalDate(2025, 3, 28), new LocalDate(2025, 4, 1), Berlin);

        time.Start.ShouldBe(Utc(2025, 3, 27, 23)); // CET, UTC+1
        time.End.ShouldBe(Utc(2025, 3, 31, 22));   // CEST, UTC+2
        time.Duration.ShouldBe(Duration.FromDays(4) - Duration.FromHours(1));
    }

    [Fact]
    public void AllDay_WhenLocalMidnightDoesNotExist_StartsAtFirstInstantOfTheDay()
    {
        // Chile moved its clocks from 00:00 to 01:00 on 8 September 2024: that day began at 01:00.
        var santiago = TimeZoneId.From("America/Santiago");
        var date = new LocalDate(2024, 9, 8);

        var time = EventTime.AllDay(date, date.PlusDays(1), santiago);

        var localStart = time.Start.InZone(santiago.Zone);
        localStart.Date.ShouldBe(date);
        localStart.TimeOfDay.ShouldBe(new LocalTime(1, 0));
        time.Duration.ShouldBe(Duration.FromHours(23));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AllDay_WhenEndDayIsNotAfterFirstDay_IsRefused(int endDaysAfterFirst)
    {
        var first = new LocalDate(2025, 6, 3);

        var error = Should.Throw<DomainException>(() => EventTime.AllDay(first, first.PlusDays(endDaysAfterFirst), Berlin));

        error.Code.ShouldBe("INVALID_TIME_RANGE");
    }

    [Fact]
    public void AllDay_WholeLeapYear_IsAccepted()
    {
        var time = EventTime.AllDay(new LocalDate(2024, 1, 1), new LocalDate(2025, 1, 1), Berlin);

        time.Duration.ShouldBe(Duration.FromDays(366));
    }

    [Fact]
    public void AllDay_Of367Days_IsRefused()
    {
        var first = new LocalDate(2025, 1, 1);

        var error = Should.Throw<DomainException>(() => EventTime.AllDay(first, first.PlusDays(367), Berlin));

        error.Code.ShouldBe("INVALID_TIME_RANGE");
    }

    [Theory]
    [InlineData(8, 0, 9, 0, false)]    // ends before
    [InlineData(9, 0, 10, 0, false)]   // ends exactly when the event starts
    [InlineData(11, 0, 12, 0, false)]  // starts exactly when the event ends
    [InlineData(12, 0, 13, 0, false)]  // starts after
    [InlineData(9, 30, 10, 30, true)]  // overlaps the start
    [InlineData(10, 30, 11, 30, true)] // overlaps the end
    [InlineData(10, 15, 10, 45, true)] // inside
    [InlineData(9, 0, 12, 0, true)]    // around
    [InlineData(10, 0, 11, 0, true)]   // the same interval
    public void Overlaps_TreatsIntervalsAsHalfOpen(int fromHour, int fromMinute, int toHour, int toMinute, bool expected)
    {
        var time = EventTime.Timed(Utc(2025, 6, 3, 10), Utc(2025, 6, 3, 11), Berlin);

        time.Overlaps(Utc(2025, 6, 3, fromHour, fromMinute), Utc(2025, 6, 3, toHour, toMinute)).ShouldBe(expected);
    }

    [Fact]
    public void Overlaps_ForAllDayEvent_UsesTheLocalDayNotTheUtcDay()
    {
        // 3 June in Berlin is 2 June 22:00 UTC to 3 June 22:00 UTC.
        var time = EventTime.AllDay(new LocalDate(2025, 6, 3), new LocalDate(2025, 6, 4), Berlin);

        time.Overlaps(Utc(2025, 6, 2, 21), Utc(2025, 6, 2, 22)).ShouldBeFalse();
        time.Overlaps(Utc(2025, 6, 2, 22), Utc(2025, 6, 2, 23)).ShouldBeTrue();
        time.Overlaps(Utc(2025, 6, 3, 22), Utc(2025, 6, 3, 23)).ShouldBeFalse();
    }
}
