using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using NodaTime;
using static CleanAssistant.Domain.Tests.Builders;

namespace CleanAssistant.Domain.Tests.Events;

public class CalendarEventTests
{
    private static readonly Instant Later = Now + Duration.FromMinutes(5);

    [Fact]
    public void Schedule_InCalendar_TakesCalendarOwnerDetailsAndTimeAtVersionOne()
    {
        var calendar = ACalendar();
        var time = AnHour();

        var calendarEvent = CalendarEvent.Schedule(calendar, Details("Dentist", "Check-up", "Main St 1"), time, Now);

        calendarEvent.CalendarId.ShouldBe(calendar.Id);
        calendarEvent.OwnerId.ShouldBe(calendar.OwnerId);
        calendarEvent.Title.ShouldBe("Dentist");
        calendarEvent.Description.ShouldBe("Check-up");
        calendarEvent.Location.ShouldBe("Main St 1");
        calendarEvent.Start.ShouldBe(time.Start);
        calendarEvent.End.ShouldBe(time.End);
        calendarEvent.TimeZone.ShouldBe(time.TimeZone);
        calendarEvent.IsAllDay.ShouldBeFalse();
        calendarEvent.CreatedAt.ShouldBe(Now);
        calendarEvent.UpdatedAt.ShouldBe(Now);
        calendarEvent.Version.ShouldBe(1);
        calendarEvent.IsDeleted.ShouldBeFalse();
        calendarEvent.DeletedAt.ShouldBeNull();
    }

    [Fact]
    public void Schedule_RaisesEventScheduledForTheOwner()
    {
        var calendarEvent = AnEvent();

        calendarEvent.DomainEvents.ShouldBe([new EventScheduled(calendarEvent.Id, calendarEvent.OwnerId)]);
    }

    [Fact]
    public void Schedule_TwiceInSameCalendar_GivesDistinctIds()
    {
        var calendar = ACalendar();

        AnEvent(calendar).Id.ShouldNotBe(AnEvent(calendar).Id);
    }

    [Fact]
    public void Schedule_InDeletedCalendar_IsRefused()
    {
        var error = Should.Throw<DomainException>(() => AnEvent(ADeletedCalendar()));

        error.Code.ShouldBe("CALENDAR_DELETED");
    }

    [Fact]
    public void Schedule_AllDay_TimeReadsBackAsTheSameLocalDays()
    {
        var time = EventTime.AllDay(new LocalDate(2025, 3, 29), new LocalDate(2025, 4, 1), Berlin);

        var calendarEvent = AnEvent(time: time);

        calendarEvent.IsAllDay.ShouldBeTrue();
        calendarEvent.Time.ShouldBe(time);
    }

    [Fact]
    public void Schedule_Timed_TimeReadsBackUnchanged()
    {
        var time = AnHour(zone: NewYork);

        AnEvent(time: time).Time.ShouldBe(time);
    }

    [Fact]
    public void ChangeDetails_ReplacesDetailsBumpsVersionAndRaisesEventChanged()
    {
        var calendarEvent = AnEvent(details: Details("Dentist", "Check-up", "Main St 1"));
        calendarEvent.ClearDomainEvents();

        calendarEvent.ChangeDetails(Details("Dentist (moved)"), Later);

        calendarEvent.Title.ShouldBe("Dentist (moved)");
        calendarEvent.Description.ShouldBeNull();
        calendarEvent.Location.ShouldBeNull();
        calendarEvent.Version.ShouldBe(2);
        calendarEvent.UpdatedAt.ShouldBe(Later);
        calendarEvent.CreatedAt.ShouldBe(Now);
        calendarEvent.DomainEvents.ShouldBe([new EventChanged(calendarEvent.Id, calendarEvent.OwnerId)]);
    }

    [Fact]
    public void ChangeDetails_LeavesTheTimeAlone()
    {
        var time = AnHour();
        var calendarEvent = AnEvent(time: time);

        calendarEvent.ChangeDetails(Details("Something else"), Later);

        calendarEvent.Time.ShouldBe(time);
    }

    [Fact]
    public void Reschedule_ReplacesTimeBumpsVersionAndRaisesEventChanged()
    {
        var calendarEvent = AnEvent();
        calendarEvent.ClearDomainEvents();
        var newTime = AnHour(Utc(2025, 6, 4, 15), NewYork);

        calendarEvent.Reschedule(newTime, Later);

        calendarEvent.Time.ShouldBe(newTime);
        calendarEvent.TimeZone.ShouldBe(NewYork);
        calendarEvent.Title.ShouldBe("Dentist");
        calendarEvent.Version.ShouldBe(2);
        calendarEvent.UpdatedAt.ShouldBe(Later);
        calendarEvent.DomainEvents.ShouldBe([new EventChanged(calendarEvent.Id, calendarEvent.OwnerId, TimingChanged: true)]);
    }

    [Fact]
    public void Reschedule_FromTimedToAllDayAcrossFallBack_KeepsWholeLocalDays()
    {
        var calendarEvent = AnEvent();
        var allDay = EventTime.AllDay(new LocalDate(2025, 10, 26), new LocalDate(2025, 10, 27), Berlin);

        calendarEvent.Reschedule(allDay, Later);

        calendarEvent.IsAllDay.ShouldBeTrue();
        (calendarEvent.End - calendarEvent.Start).ShouldBe(Duration.FromHours(25));
        calendarEvent.Time.ShouldBe(allDay);
    }

    [Fact]
    public void EveryChange_IncrementsVersionOnce()
    {
        var owner = UserId.New();
        var calendarEvent = AnEvent(ACalendar(owner));

        calendarEvent.ChangeDetails(Details("A"), Later);
        calendarEvent.Reschedule(AnHour(Utc(2025, 6, 5, 8)), Later);
        calendarEvent.MoveTo(ACalendar(owner, "Family"), Later);
        calendarEvent.Delete(Later);

        calendarEvent.Version.ShouldBe(5);
    }

    [Fact]
    public void MoveTo_AnotherCalendarOfTheOwner_ChangesCalendarAndRaisesEventChanged()
    {
        var owner = UserId.New();
        var calendarEvent = AnEvent(ACalendar(owner, "Work"));
        calendarEvent.ClearDomainEvents();
        var family = ACalendar(owner, "Family");

        calendarEvent.MoveTo(family, Later);

        calendarEvent.CalendarId.ShouldBe(family.Id);
        calendarEvent.OwnerId.ShouldBe(owner);
        calendarEvent.Version.ShouldBe(2);
        calendarEvent.UpdatedAt.ShouldBe(Later);
        calendarEvent.DomainEvents.ShouldBe([new EventChanged(calendarEvent.Id, owner)]);
    }

    [Fact]
    public void MoveTo_AnotherOwnersCalendar_IsRefusedAndChangesNothing()
    {
        var mine = ACalendar();
        var calendarEvent = AnEvent(mine);
        calendarEvent.ClearDomainEvents();

        var error = Should.Throw<DomainException>(() => calendarEvent.MoveTo(ACalendar(UserId.New()), Later));

        error.Code.ShouldBe("INVALID_CALENDAR");
        calendarEvent.CalendarId.ShouldBe(mine.Id);
        calendarEvent.Version.ShouldBe(1);
        calendarEvent.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void MoveTo_DeletedCalendarOfTheOwner_IsRefused()
    {
        var owner = UserId.New();
        var calendarEvent = AnEvent(ACalendar(owner));

        var error = Should.Throw<DomainException>(() => calendarEvent.MoveTo(ADeletedCalendar(owner), Later));

        error.Code.ShouldBe("INVALID_CALENDAR");
    }

    [Fact]
    public void Delete_SoftDeletesBumpsVersionAndRaisesEventDeleted()
    {
        var calendarEvent = AnEvent();
        calendarEvent.ClearDomainEvents();

        calendarEvent.Delete(Later);

        calendarEvent.IsDeleted.ShouldBeTrue();
        calendarEvent.DeletedAt.ShouldBe(Later);
        calendarEvent.UpdatedAt.ShouldBe(Later);
        calendarEvent.Version.ShouldBe(2);
        calendarEvent.DomainEvents.ShouldBe([new EventDeleted(calendarEvent.Id, calendarEvent.OwnerId)]);
    }

    [Fact]
    public void Delete_Twice_ChangesNothingTheSecondTime()
    {
        var calendarEvent = AnEvent();
        calendarEvent.Delete(Later);
        calendarEvent.ClearDomainEvents();

        calendarEvent.Delete(Later + Duration.FromHours(1));

        calendarEvent.DeletedAt.ShouldBe(Later);
        calendarEvent.UpdatedAt.ShouldBe(Later);
        calendarEvent.Version.ShouldBe(2);
        calendarEvent.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void ChangeDetails_OfDeletedEvent_IsRefused()
    {
        var calendarEvent = ADeletedEvent();

        var error = Should.Throw<DomainException>(() => calendarEvent.ChangeDetails(Details("New"), Later));

        error.Code.ShouldBe("EVENT_DELETED");
        calendarEvent.Title.ShouldBe("Dentist");
        calendarEvent.Version.ShouldBe(2);
    }

    [Fact]
    public void Reschedule_OfDeletedEvent_IsRefused()
    {
        var calendarEvent = ADeletedEvent();
        var before = calendarEvent.Time;

        var error = Should.Throw<DomainException>(() => calendarEvent.Reschedule(AnHour(Utc(2025, 7, 1, 9)), Later));

        error.Code.ShouldBe("EVENT_DELETED");
        calendarEvent.Time.ShouldBe(before);
    }

    [Fact]
    public void MoveTo_OfDeletedEvent_IsRefused()
    {
        var owner = UserId.New();
        var calendarEvent = ADeletedEvent(owner);

        var error = Should.Throw<DomainException>(() => calendarEvent.MoveTo(ACalendar(owner, "Family"), Later));

        error.Code.ShouldBe("EVENT_DELETED");
    }

    [Fact]
    public void ClearDomainEvents_ForgetsRaisedEvents()
    {
        var calendarEvent = AnEvent();

        calendarEvent.ClearDomainEvents();

        calendarEvent.DomainEvents.ShouldBeEmpty();
    }

    private static CalendarEvent ADeletedEvent(UserId? owner = null)
    {
        var calendarEvent = AnEvent(ACalendar(owner));
        calendarEvent.Delete(Now);
        return calendarEvent;
    }
}
