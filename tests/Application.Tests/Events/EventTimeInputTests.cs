using CleanAssistant.Application.Events;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using NodaTime;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Events;

public class EventTimeInputTests
{
    // A new event

    [Fact]
    public void New_TimedWithStartOnly_LastsOneHourInTheUsersZone()
    {
        var start = Utc(2025, 6, 3, 10);

        var time = new EventTimeInput(Start: start).Resolve(current: null, Berlin);

        time.ShouldBe(EventTime.Timed(start, start + Duration.FromHours(1), Berlin));
    }

    [Fact]
    public void New_TimedWithStartAndEnd_KeepsBoth()
    {
        var start = Utc(2025, 6, 3, 10);
        var end = Utc(2025, 6, 3, 12, 30);

        var time = new EventTimeInput(Start: start, End: end).Resolve(current: null, Berlin);

        time.Start.ShouldBe(start);
        time.End.ShouldBe(end);
        time.IsAllDay.ShouldBeFalse();
    }

    [Fact]
    public void New_WithTimeZone_UsesItInsteadOfTheUsersZone()
    {
        var time = new EventTimeInput(Start: Utc(2025, 6, 3, 10), TimeZone: "America/New_York").Resolve(current: null, Berlin);

        time.TimeZone.ShouldBe(NewYork);
    }

    [Fact]
    public void New_AllDayWithStartDateOnly_IsOneWholeDayInTheUsersZone()
    {
        var day = new LocalDate(2025, 6, 3);

        var time = new EventTimeInput(StartDate: day).Resolve(current: null, Berlin);

        time.ShouldBe(EventTime.AllDay(day, day.PlusDays(1), Berlin));
        time.Start.ShouldBe(Utc(2025, 6, 2, 22));
    }

    [Fact]
    public void New_AllDayWithInclusiveEndDate_CoversEveryDayUpToIt()
    {
        var time = new EventTimeInput(StartDate: new LocalDate(2025, 3, 28), EndDate: new LocalDate(2025, 3, 31))
            .Resolve(current: null, Berlin);

        time.ShouldBe(EventTime.AllDay(new LocalDate(2025, 3, 28), new LocalDate(2025, 4, 1), Berlin));
    }

    [Fact]
    public void New_AllDayEndingOnItsFirstDay_IsOneDay()
    {
        var day = new LocalDate(2025, 6, 3);

        var time = new EventTimeInput(IsAllDay: true, StartDate: day, EndDate: day).Resolve(current: null, Berlin);

        time.ShouldBe(AllDay(day, 1));
    }

    [Fact]
    public void New_AllDayFromAStartInstant_TakesThatInstantsLocalDate()
    {
        // 23:30 UTC on 2 June is already 3 June in Berlin.
        var time = new EventTimeInput(Start: Utc(2025, 6, 2, 23, 30), IsAllDay: true).Resolve(current: null, Berlin);

        time.ShouldBe(AllDay(new LocalDate(2025, 6, 3)));
    }

    [Fact]
    public void New_WithoutAnyStart_IsRefused()
    {
        Should.Throw<DomainException>(() => new EventTimeInput().Resolve(current: null, Berlin)).Code.ShouldBe("REQUIRED");
        Should.Throw<DomainException>(() => new EventTimeInput(IsAllDay: true).Resolve(current: null, Berlin)).Code.ShouldBe("REQUIRED");
    }

    [Fact]
    public void New_WithUnknownTimeZone_IsRefused()
    {
        var input = new EventTimeInput(Start: Utc(2025, 6, 3, 10), TimeZone: "Mars/Base");

        Should.Throw<DomainException>(() => input.Resolve(current: null, Berlin)).Code.ShouldBe("INVALID_TIME_ZONE");
    }

    // Changing an existing event

    [Fact]
    public void Update_TimedWhenOnlyStartMoves_KeepsTheDuration()
    {
        var current = Timed(Utc(2025, 6, 3, 10), minutes: 90);
        var newStart = Utc(2025, 6, 5, 14);

        var time = new EventTimeInput(Start: newStart).Resolve(current, Berlin);

        time.ShouldBe(EventTime.Timed(newStart, newStart + Duration.FromMinutes(90), Berlin));
    }

    [Fact]
    public void Update_TimedWhenOnlyEndMoves_KeepsTheStart()
    {
        var current = Timed(Utc(2025, 6, 3, 10), minutes: 60);

        var time = new EventTimeInput(End: Utc(2025, 6, 3, 12)).Resolve(current, Berlin);

        time.Start.ShouldBe(Utc(2025, 6, 3, 10));
        time.End.ShouldBe(Utc(2025, 6, 3, 12));
    }

    [Fact]
    public void Update_WithoutTimeZone_KeepsTheEventsZoneNotTheUsersDefault()
    {
        var current = Timed(Utc(2025, 6, 3, 10), minutes: 60, NewYork);

        var time = new EventTimeInput(Start: Utc(2025, 6, 4, 10)).Resolve(current, defaultZone: Berlin);

        time.TimeZone.ShouldBe(NewYork);
    }

    [Fact]
    public void Update_TimedWithOnlyANewZone_KeepsTheInstants()
    {
        var current = Timed(Utc(2025, 6, 3, 10), minutes: 60);

        var time = new EventTimeInput(TimeZone: "America/New_York").Resolve(current, Berlin);

        time.ShouldBe(EventTime.Timed(current.Start, current.End, NewYork));
    }

    [Fact]
    public void Update_AllDayMultiDayWhenStartDateMoves_KeepsTheNumberOfDays()
    {
        var current = AllDay(new LocalDate(2025, 3, 28), days: 3); // includes the spring-forward day

        var time = new EventTimeInput(StartDate: new LocalDate(2025, 4, 10)).Resolve(current, Berlin);

        time.ShouldBe(AllDay(new LocalDate(2025, 4, 10), days: 3));
    }

    [Fact]
    public void Update_AllDayWhenOnlyEndDateMoves_KeepsTheFirstDay()
    {
        var current = AllDay(new LocalDate(2025, 6, 3), days: 1);

        var time = new EventTimeInput(EndDate: new LocalDate(2025, 6, 6)).Resolve(current, Berlin);

        time.ShouldBe(AllDay(new LocalDate(2025, 6, 3), days: 4));
    }

    [Fact]
    public void Update_SwitchingTimedToAllDay_CoversTheLocalDayItStartedOn()
    {
        // 03:00 UTC on 3 June is 23:00 on 2 June in New York.
        var current = Timed(Utc(2025, 6, 3, 3), minutes: 120, NewYork);

        var time = new EventTimeInput(IsAllDay: true).Resolve(current, Berlin);

        time.ShouldBe(AllDay(new LocalDate(2025, 6, 2), days: 1, NewYork));
    }

    [Fact]
    public void Update_SwitchingMultiDayAllDayToTimed_DefaultsToOneHourNotTheOldLength()
    {
        var current = AllDay(new LocalDate(2025, 6, 3), days: 3);
        var start = Utc(2025, 6, 3, 8);

        var time = new EventTimeInput(IsAllDay: false, Start: start).Resolve(current, Berlin);

        time.ShouldBe(EventTime.Timed(start, start + Duration.FromHours(1), Berlin));
    }

    [Fact]
    public void Update_SwitchingAllDayToTimedWithStartAndEnd_KeepsBoth()
    {
        var current = AllDay(new LocalDate(2025, 6, 3));

        var time = new EventTimeInput(IsAllDay: false, Start: Utc(2025, 6, 3, 8), End: Utc(2025, 6, 3, 9, 15)).Resolve(current, Berlin);

        time.ShouldBe(EventTime.Timed(Utc(2025, 6, 3, 8), Utc(2025, 6, 3, 9, 15), Berlin));
    }

    [Fact]
    public void Update_AllDayWithOnlyANewZone_KeepsTheSameDates()
    {
        var current = AllDay(new LocalDate(2025, 3, 10), days: 2, Berlin);

        var time = new EventTimeInput(TimeZone: "America/New_York").Resolve(current, Berlin);

        time.ShouldBe(AllDay(new LocalDate(2025, 3, 10), days: 2, NewYork));
    }

    [Fact]
    public void IsEmpty_OnlyWhenNoFieldIsGiven()
    {
        new EventTimeInput().IsEmpty.ShouldBeTrue();
        new EventTimeInput(TimeZone: "UTC").IsEmpty.ShouldBeFalse();
        new EventTimeInput(IsAllDay: false).IsEmpty.ShouldBeFalse();
    }
}
