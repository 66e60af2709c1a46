using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using NodaTime;
using static CleanAssistant.Domain.Tests.Builders;

namespace CleanAssistant.Domain.Tests.Conversations;

public class ConversationTests
{
    [Fact]
    public void Say_KeepsTurnsInOrder_AndDropsTheOldestBeyondTheLimit()
    {
        var conversation = Conversation.Start(UserId.New(), Now);

        for (var i = 0; i < Conversation.MaxTurns + 3; i++)
        {
            conversation.Say(i % 2 == 0 ? Speaker.User : Speaker.Assistant, $"turn {i}", Now + Duration.FromSeconds(i));
        }

        conversation.Turns.Count.ShouldBe(Conversation.MaxTurns);
        conversation.Turns[0].Text.ShouldBe("turn 3");
        conversation.LastActiveAt.ShouldBe(Now + Duration.FromSeconds(Conversation.MaxTurns + 2));
    }

    [Fact]
    public void Say_RefusesEmptyAndOverlongText()
    {
        var conversation = Conversation.Start(UserId.New(), Now);

        Should.Throw<DomainException>(() => conversation.Say(Speaker.User, "   ", Now));
        Should.Throw<DomainException>(() => conversation.Say(Speaker.User, new string('x', Conversation.MaxTurnTextLength + 1), Now));
    }

    [Fact]
    public void Focus_KeepsThePreviousEventWhenATurnIsAboutNone()
    {
        var conversation = Conversation.Start(UserId.New(), Now);
        var dentist = EventId.New();

        conversation.Focus(dentist);
        conversation.Focus(null);

        conversation.FocusEventId.ShouldBe(dentist);
    }

    [Fact]
    public void AnAction_CanBeUndoneOnce_AndOnlyWithinItsWindow()
    {
        var action = AssistantAction.Record(UserId.New(), null, "Added 'Lunch'", [EventId.New()], [], Now, Duration.FromMinutes(5));

        action.CanUndo(Now + Duration.FromMinutes(4)).ShouldBeTrue();
        action.CanUndo(Now + Duration.FromMinutes(5)).ShouldBeFalse();
        Should.Throw<DomainException>(() => action.Undone(Now + Duration.FromMinutes(6))).Code.ShouldBe("UNDO_EXPIRED");

        action.Undone(Now + Duration.FromMinutes(1));

        action.CanUndo(Now + Duration.FromMinutes(2)).ShouldBeFalse();
        Should.Throw<DomainException>(() => action.Undone(Now + Duration.FromMinutes(2))).Code.ShouldBe("ALREADY_UNDONE");
    }

    [Fact]
    public void Revert_PutsBackDetailsTimeAndDeletion()
    {
        var calendarEvent = CalendarEvent.Schedule(ACalendar(), Details("Dentist", "Check-up", "Main St 1"), AnHour(), Now);
        var before = calendarEvent.Snapshot();
        calendarEvent.ChangeDetails(Details("Doctor"), Now);
        calendarEvent.Reschedule(AnHour(Utc(2025, 6, 4, 15)), Now);
        calendarEvent.Delete(Now);

        calendarEvent.Revert(before, Now + Duration.FromMinutes(1));

        calendarEvent.IsDeleted.ShouldBeFalse();
        calendarEvent.DeletedAt.ShouldBeNull();
        calendarEvent.Title.ShouldBe("Dentist");
        calendarEvent.Location.ShouldBe("Main St 1");
        calendarEvent.Start.ShouldBe(before.Start);
        calendarEvent.End.ShouldBe(before.End);
        calendarEvent.Version.ShouldBeGreaterThan(before.Version);
        Should.Throw<DomainException>(() => calendarEvent.Revert(before with { EventId = EventId.New() }, Now));
    }
}
