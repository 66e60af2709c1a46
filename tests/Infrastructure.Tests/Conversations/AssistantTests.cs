using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Conversations;
using CleanAssistant.Application.Conversations.GetConversation;
using CleanAssistant.Application.Conversations.InterpretMessage;
using CleanAssistant.Application.Conversations.SendMessage;
using CleanAssistant.Application.Conversations.UndoLastAction;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Application.Events.UpdateEvent;
using CleanAssistant.Application.Reminders.ListReminders;
using CleanAssistant.Application.Reminders.SetEventReminders;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Application.Users;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Conversations;

/// <summary>
/// Messages to the assistant acting through the real use cases on both databases. The clock stands at
/// Friday 27 Nov 2026 10:00 in Berlin, the user's zone.
/// </summary>
public sealed class AssistantTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Instant Local(int day, int hour, int minute = 0) => new LocalDateTime(2026, 11, day, hour, minute).InZoneLeniently(Berlin).ToInstant();

    private static async Task<IReadOnlyList<EventDto>> EventsAsync(UseCaseHost host, UserDto user) =>
        (await host.SendAsync(new ListEventsQuery(Local(26, 0), Local(26, 0) + Duration.FromDays(30)), user)).Items;

    private static Task<EventDto> AddAsync(UseCaseHost host, UserDto user, string title, Instant start, int minutes = 60) =>
        host.SendAsync(new CreateEventCommand(title, new EventTimeInput(start, start + Duration.FromMinutes(minutes))), user);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SendMessage_CreatesTheEvent_AndUndoTakesItBack(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var reply = await host.SendAsync(new SendMessageCommand("lunch with Alice tomorrow at noon"), ann);

        reply.Outcome.ShouldBe(AssistantOutcome.Done, reply.Reply);
        reply.CanUndo.ShouldBeTrue();
        reply.ConversationId.ShouldNotBeNull();
        reply.Event!.Title.ShouldBe("Lunch with Alice");
        reply.Event.Start.ShouldBe(Local(28, 12));
        reply.Reply.ShouldBe("Done: I added 'Lunch with Alice' tomorrow 12:00–12:30.");
        (await EventsAsync(host, ann)).Count.ShouldBe(1);

        var undone = await host.SendAsync(new UndoLastActionCommand(reply.ConversationId), ann);

        undone.Outcome.ShouldBe(AssistantOutcome.Undone, undone.Reply);
        (await EventsAsync(host, ann)).ShouldBeEmpty();
        var conversation = await host.SendAsync(new GetConversationQuery(reply.ConversationId!.Value), ann);
        conversation.Turns.Select(t => t.Text).ShouldBe(["lunch with Alice tomorrow at noon", reply.Reply, undone.Reply]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task It_RefersToTheEventOfThePreviousTurn(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        await AddAsync(host, ann, "Team sync", Local(30, 9));
        var first = await host.SendAsync(new SendMessageCommand("schedule a review on Tuesday at 10"), ann);

        var moved = await host.SendAsync(new SendMessageCommand("move it to Wednesday at 3 pm", first.ConversationId), ann);

        moved.Outcome.ShouldBe(AssistantOutcome.Done, moved.Reply);
        moved.Event!.Id.ShouldBe(first.Event!.Id);
        moved.Event.Start.ShouldBe(Local(2, 15) + Duration.FromDays(30));
        (await EventsAsync(host, ann)).Single(e => e.Title == "Team sync").Start.ShouldBe(Local(30, 9));

        var cancelled = await host.SendAsync(new SendMessageCommand("cancel it", first.ConversationId), ann);

        cancelled.Outcome.ShouldBe(AssistantOutcome.Done, cancelled.Reply);
        (await EventsAsync(host, ann)).Select(e => e.Title).ShouldBe(["Team sync"]);

        await host.SendAsync(new SendMessageCommand("undo", first.ConversationId), ann);

        (await EventsAsync(host, ann)).Single(e => e.Id == first.Event.Id).Start.ShouldBe(Local(2, 15) + Duration.FromDays(30));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AMissingTime_IsAskedFor_AndTheAnswerCompletesTheCommand(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var question = await host.SendAsync(new SendMessageCommand("schedule lunch with Bob"), ann);

        question.Outcome.ShouldBe(AssistantOutcome.Question, question.Reply);
        question.Reply.ShouldContain("When");
        (await EventsAsync(host, ann)).ShouldBeEmpty();
        (await host.SendAsync(new GetConversationQuery(question.ConversationId!.Value), ann)).PendingQuestion.ShouldBe("when");

        var done = await host.SendAsync(new SendMessageCommand("tomorrow at 1 pm", question.ConversationId), ann);

        done.Outcome.ShouldBe(AssistantOutcome.Done, done.Reply);
        done.Event!.Title.ShouldContain("Lunch");
        done.Event.Start.ShouldBe(Local(28, 13));
        (await host.SendAsync(new GetConversationQuery(question.ConversationId!.Value), ann)).PendingQuestion.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoMatchingEvents_AreOfferedAsChoices_AndTheAnswerPicksOne(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var monday = await AddAsync(host, ann, "Dentist", Local(30, 9));
        var thursday = await AddAsync(host, ann, "Dentist check-up", Local(3, 15) + Duration.FromDays(30));

        var question = await host.SendAsync(new SendMessageCommand("cancel my dentist appointment"), ann);

        question.Outcome.ShouldBe(AssistantOutcome.Question, question.Reply);
        question.Choices.Count.ShouldBe(2);
        question.Events.Select(e => e.Id).ShouldBe([monday.Id, thursday.Id]);

        var done = await host.SendAsync(new SendMessageCommand("the second one", question.ConversationId), ann);

        done.Outcome.ShouldBe(AssistantOutcome.Done, done.Reply);
        (await EventsAsync(host, ann)).Select(e => e.Id).ShouldBe([monday.Id]);

        var undone = await host.SendAsync(new UndoLastActionCommand(question.ConversationId), ann);

        undone.Outcome.ShouldBe(AssistantOutcome.Undone, undone.Reply);
        (await EventsAsync(host, ann)).Select(e => e.Id).ShouldBe([monday.Id, thursday.Id]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ATakenTime_IsNotDoubleBooked_AndAnOfferedTimeCanBeTaken(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        await AddAsync(host, ann, "Board meeting", Local(30, 11), minutes: 120);

        var conflict = await host.SendAsync(new SendMessageCommand("lunch with Alice on Monday at noon"), ann);

        conflict.Outcome.ShouldBe(AssistantOutcome.Conflict, conflict.Reply);
        conflict.Reply.ShouldContain("Board meeting");
        conflict.Events.Single().Title.ShouldBe("Board meeting");
        conflict.Slots.ShouldNotBeEmpty();
        (await EventsAsync(host, ann)).Count.ShouldBe(1);

        var taken = await host.SendAsync(new SendMessageCommand("the first one", conflict.ConversationId), ann);

        taken.Outcome.ShouldBe(AssistantOutcome.Done, taken.Reply);
        taken.Event!.Start.ShouldBe(conflict.Slots[0].Start);
        (await EventsAsync(host, ann)).Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Interpret_IsADryRun(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var preview = await host.SendAsync(new InterpretMessageQuery("lunch with Alice tomorrow at noon"), ann);

        preview.Outcome.ShouldBe(AssistantOutcome.WouldDo, preview.Reply);
        preview.Reply.ShouldStartWith("I would add");
        preview.Interpretation!.Title!.ShouldContain("Lunch");
        preview.Slots.Single().Start.ShouldBe(Local(28, 12));
        (await EventsAsync(host, ann)).ShouldBeEmpty();
        (await host.SendAsync(new ListConversationsQuery(), ann)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Undo_RefusesToOverwriteALaterChange_AndExpires(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var standup = await AddAsync(host, ann, "Standup", Local(30, 9));
        var moved = await host.SendAsync(new SendMessageCommand("move the standup to Monday at 10"), ann);
        moved.Outcome.ShouldBe(AssistantOutcome.Done, moved.Reply);
        await host.SendAsync(new UpdateEventCommand(standup.Id, Title: "Daily standup"), ann);

        var refused = await Should.ThrowAsync<ConflictException>(() => host.SendAsync(new UndoLastActionCommand(moved.ConversationId), ann));

        refused.Code.ShouldBe("CHANGED_SINCE");

        var again = await host.SendAsync(new SendMessageCommand("move the standup to Monday at 11"), ann);
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        var late = await host.SendAsync(new UndoLastActionCommand(again.ConversationId), ann);

        late.Outcome.ShouldBe(AssistantOutcome.Failed);
        (await EventsAsync(host, ann)).Single().Start.ShouldBe(Local(30, 11));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Agenda_IsAnsweredFromTheCalendar_AndAnotherUsersConversationIsNotFound(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var bob = await host.RegisterAsync("bob@example.com");
        await AddAsync(host, ann, "Yoga", Local(28, 8));
        await AddAsync(host, ann, "Brunch with Eve", Local(28, 11));

        var agenda = await host.SendAsync(new SendMessageCommand("what do I have tomorrow?"), ann);

        agenda.Outcome.ShouldBe(AssistantOutcome.Answered, agenda.Reply);
        agenda.Events.Select(e => e.Title).ShouldBe(["Yoga", "Brunch with Eve"]);
        agenda.Reply.ShouldContain("2 events tomorrow");

        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new SendMessageCommand("cancel it", agenda.ConversationId), bob));
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetConversationQuery(agenda.ConversationId!.Value), bob));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AMeetingWithoutPeople_AsksWithWhom_AndTheNameFillsItIn(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var question = await host.SendAsync(new SendMessageCommand("set up a meeting tomorrow at 3 pm"), ann);

        question.Outcome.ShouldBe(AssistantOutcome.Question, question.Reply);
        question.Reply.ShouldBe("Who is the meeting with?");

        var done = await host.SendAsync(new SendMessageCommand("Bob", question.ConversationId), ann);

        done.Outcome.ShouldBe(AssistantOutcome.Done, done.Reply);
        done.Event!.Title.ShouldBe("Meeting with Bob");
        done.Event.Start.ShouldBe(Local(28, 15));

        var alone = await host.SendAsync(new SendMessageCommand("set up a call on Monday at 9 am", question.ConversationId), ann);
        alone.Reply.ShouldBe("Who is the call with?");
        var nobody = await host.SendAsync(new SendMessageCommand("just me", question.ConversationId), ann);
        nobody.Outcome.ShouldBe(AssistantOutcome.Done, nobody.Reply);
        nobody.Event!.Title.ShouldBe("Call");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnAnswerThatFitsNoChoice_IsAskedAgain(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        await AddAsync(host, ann, "Dentist", Local(30, 9));
        await AddAsync(host, ann, "Dentist", Local(3, 15) + Duration.FromDays(30));
        var question = await host.SendAsync(new SendMessageCommand("cancel the dentist"), ann);

        var again = await host.SendAsync(new SendMessageCommand("hmm the blue one", question.ConversationId), ann);

        again.Outcome.ShouldBe(AssistantOutcome.Question, again.Reply);
        again.Reply.ShouldStartWith("Sorry, which one? 1) 'Dentist' Mon 30 Nov at 09:00 2) 'Dentist' Thu 3 Dec at 15:00");
        var done = await host.SendAsync(new SendMessageCommand("the one on thursday", question.ConversationId), ann);
        done.Outcome.ShouldBe(AssistantOutcome.Done, done.Reply);
        (await EventsAsync(host, ann)).Single().Start.ShouldBe(Local(30, 9));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneOccurrenceOfASeries_IsMovedOrCancelledAlone_AndUndoBringsItBack(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var start = Local(30, 9);
        await host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(start, start + Duration.FromMinutes(15)), Recurrence: "FREQ=DAILY;COUNT=5"), ann);
        IEnumerable<Instant> Starts(IReadOnlyList<EventDto> events) => events.Select(e => e.Start);

        var moved = await host.SendAsync(new SendMessageCommand("move the standup on Tuesday to 10 am"), ann);

        moved.Outcome.ShouldBe(AssistantOutcome.Done, moved.Reply);
        Starts(await EventsAsync(host, ann)).ShouldBe([Local(30, 9), Local(1, 10) + Duration.FromDays(30), Local(2, 9) + Duration.FromDays(30), Local(3, 9) + Duration.FromDays(30), Local(4, 9) + Duration.FromDays(30)]);

        await host.SendAsync(new UndoLastActionCommand(moved.ConversationId), ann);

        Starts(await EventsAsync(host, ann)).ShouldBe([.. Enumerable.Range(0, 5).Select(d => start + Duration.FromDays(d))]);

        var cancelled = await host.SendAsync(new SendMessageCommand("cancel the standup on Wednesday"), ann);

        cancelled.Outcome.ShouldBe(AssistantOutcome.Done, cancelled.Reply);
        (await EventsAsync(host, ann)).Count.ShouldBe(4);

        await host.SendAsync(new SendMessageCommand("undo", cancelled.ConversationId), ann);

        Starts(await EventsAsync(host, ann)).ShouldBe([.. Enumerable.Range(0, 5).Select(d => start + Duration.FromDays(d))]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MovingItByAClockTimeAShiftOrADay_KeepsWhatWasNotSaid(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var tuesday = Local(1, 10) + Duration.FromDays(30);
        var review = await host.SendAsync(new SendMessageCommand("schedule a review with Priya on Tuesday at 10 for 45 minutes"), ann);
        review.Event!.Start.ShouldBe(tuesday);

        var toThree = await host.SendAsync(new SendMessageCommand("move it to 3 pm", review.ConversationId), ann);
        toThree.Event!.Start.ShouldBe(tuesday + Duration.FromHours(5));
        toThree.Event.End.ShouldBe(tuesday + Duration.FromHours(5) + Duration.FromMinutes(45));

        var later = await host.SendAsync(new SendMessageCommand("push it back an hour", review.ConversationId), ann);
        later.Event!.Start.ShouldBe(tuesday + Duration.FromHours(6));

        var thursday = await host.SendAsync(new SendMessageCommand("move it to Thursday", review.ConversationId), ann);
        thursday.Outcome.ShouldBe(AssistantOutcome.Done, thursday.Reply);
        thursday.Event!.Start.ShouldBe(tuesday + Duration.FromDays(2) + Duration.FromHours(6));
        thursday.Event.End.ShouldBe(tuesday + Duration.FromDays(2) + Duration.FromHours(6) + Duration.FromMinutes(45));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnAmbiguousDay_FollowsTheUsersReading_AndTheReplyReadsItBack(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        // Said on a Friday: "Friday" is a week later by default; the reply says how else it could be read.
        var byDefault = await host.SendAsync(new SendMessageCommand("lunch with Alice on Friday at noon"), ann);

        byDefault.Event!.Start.ShouldBe(Local(4, 12) + Duration.FromDays(30));
        byDefault.Interpretation!.Confidence.ShouldBeLessThan(Application.Interpretation.Interpretation.SureEnough);
        byDefault.Reply.ShouldContain("if you meant today");

        await host.SendAsync(new Application.Users.UpdatePreferences.UpdatePreferencesCommand(SameWeekday: Domain.Users.SameWeekdayReading.Today), ann);
        var today = await host.SendAsync(new SendMessageCommand("coffee with Bob on Friday at 4 pm"), ann);

        today.Event!.Start.ShouldBe(Local(27, 16));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RemindMe_SetsAReminder_NotAnEvent_AndUndoDismissesIt(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var reply = await host.SendAsync(new SendMessageCommand("remind me to call Bob in two hours"), ann);

        reply.Outcome.ShouldBe(AssistantOutcome.Done, reply.Reply);
        reply.Reminder.ShouldNotBeNull();
        reply.Reminder.Text.ShouldBe("Call Bob");
        reply.Reminder.DueAt.ShouldBe(Local(27, 12));
        reply.Reply.ShouldBe("Done: I set a reminder to Call Bob today at 12:00.");
        (await EventsAsync(host, ann)).ShouldBeEmpty();
        (await host.SendAsync(new ListRemindersQuery(), ann)).Select(r => r.Id).ShouldBe([reply.Reminder.Id]);

        var undone = await host.SendAsync(new SendMessageCommand("undo", reply.ConversationId), ann);

        undone.Outcome.ShouldBe(AssistantOutcome.Undone, undone.Reply);
        (await host.SendAsync(new ListRemindersQuery(), ann)).ShouldBeEmpty();
        (await host.SendAsync(new ListRemindersQuery(IncludeFinished: true), ann)).Single().State.ShouldBe(ReminderState.Dismissed);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARepeatingReminder_IsAFreeRepeatingEvent_ThatRemindsOfEachOccurrence(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var reply = await host.SendAsync(new SendMessageCommand("remind me every Monday at 9 am to submit the timesheet"), ann);

        reply.Outcome.ShouldBe(AssistantOutcome.Done, reply.Reply);
        reply.Event!.Title.ShouldBe("Reminder: Submit the timesheet");
        reply.Event.ShowAs.ShouldBe(Availability.Free);
        var reminder = (await host.SendAsync(new ListRemindersQuery(), ann)).Single();
        reminder.EventId.ShouldBe(reply.Event.Id);
        reminder.MinutesBefore.ShouldBe(0);
        reminder.DueAt.ShouldBe(Local(30, 9));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnEventsReminders_FollowTheAssistantsMoves_AndCome_BackWithAnUndoneCancel(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var dentist = await AddAsync(host, ann, "Dentist", Local(30, 10));
        await host.SendAsync(new SetEventRemindersCommand(dentist.Id, [30]), ann);

        var moved = await host.SendAsync(new SendMessageCommand("move my dentist appointment to 3 pm"), ann);
        moved.Outcome.ShouldBe(AssistantOutcome.Done, moved.Reply);
        (await host.SendAsync(new ListRemindersQuery(), ann)).Single().DueAt.ShouldBe(Local(30, 14, 30));

        var cancelled = await host.SendAsync(new SendMessageCommand("cancel the dentist", moved.ConversationId), ann);
        cancelled.Outcome.ShouldBe(AssistantOutcome.Done, cancelled.Reply);
        (await host.SendAsync(new ListRemindersQuery(), ann)).ShouldBeEmpty();

        var undone = await host.SendAsync(new SendMessageCommand("undo", moved.ConversationId), ann);
        undone.Outcome.ShouldBe(AssistantOutcome.Undone, undone.Reply);
        (await host.SendAsync(new ListRemindersQuery(), ann)).Single().DueAt.ShouldBe(Local(30, 14, 30));
    }
}
