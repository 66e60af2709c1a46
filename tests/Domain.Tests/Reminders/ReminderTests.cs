using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using NodaTime;
using static CleanAssistant.Domain.Tests.Builders;

namespace CleanAssistant.Domain.Tests.Reminders;

public sealed class ReminderTests
{
    [Fact]
    public void FollowOccurrence_KeepsTheLead_OrIsDueAtOnceWhenTheLeadHasPassed()
    {
        var calendarEvent = AnEvent();
        var reminder = Reminder.ForOccurrence(calendarEvent, calendarEvent.Start, 30, Now);

        var later = calendarEvent.Start + Duration.FromHours(2);
        reminder.FollowOccurrence(later, Now);
        (reminder.OccurrenceStart, reminder.DueAt, reminder.Version).ShouldBe((later, later - Duration.FromMinutes(30), 2));

        var soon = Now + Duration.FromMinutes(10);
        reminder.FollowOccurrence(soon, Now);
        reminder.DueAt.ShouldBe(Now);
    }

    [Fact]
    public void FollowOccurrence_RefusesAPastOccurrence_AndAReminderThatIsNotScheduled()
    {
        var calendarEvent = AnEvent();
        var reminder = Reminder.ForOccurrence(calendarEvent, calendarEvent.Start, 30, Now);
        Should.Throw<DomainException>(() => reminder.FollowOccurrence(Now, Now)).Code.ShouldBe("REMINDER_IN_PAST");

        reminder.Snooze(Now + Duration.FromHours(1), Now);
        Should.Throw<DomainException>(() => reminder.FollowOccurrence(calendarEvent.Start, Now)).Code.ShouldBe("REMINDER_NOT_MOVABLE");
        var standalone = Reminder.Standalone(UserId.New(), "Call Bob", Now + Duration.FromHours(1), Now);
        Should.Throw<DomainException>(() => standalone.FollowOccurrence(calendarEvent.Start, Now)).Code.ShouldBe("REMINDER_NOT_MOVABLE");
    }

    [Fact]
    public void ChangingTheTimeZone_RaisesUserTimeZoneChanged_OnlyWhenItChanges()
    {
        var user = AUser(zone: Berlin);
        user.ClearDomainEvents();

        user.ChangePreferences(Berlin, user.Preferences);
        user.DomainEvents.ShouldBeEmpty();

        user.ChangePreferences(NewYork, user.Preferences);
        user.DomainEvents.ShouldBe([new UserTimeZoneChanged(user.Id, NewYork)]);
    }
}
