using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.ChangeOccurrence;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.DeleteEvent;
using CleanAssistant.Application.Events.UpdateEvent;
using CleanAssistant.Application.Reminders.ListReminders;
using CleanAssistant.Application.Reminders.SetEventReminders;
using CleanAssistant.Application.Reminders.SnoozeReminder;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Reminders;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Reminders;

/// <summary>An event's reminders move with it, whatever moves it (domain events dispatched before the save).</summary>
public sealed class RemindersFollowEventsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 27, 9, 0);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MovingAnEvent_MovesItsReminders_KeepingTheirIds(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var start = Now + Duration.FromDays(1);
        var lunch = await host.SendAsync(new CreateEventCommand("Lunch", new EventTimeInput(Start: start, End: start + Duration.FromHours(1), TimeZone: "UTC")), ann);
        var set = await host.SendAsync(new SetEventRemindersCommand(lunch.Id, [10, 60]), ann);

        var later = start + Duration.FromHours(3);
        await host.SendAsync(new UpdateEventCommand(lunch.Id, Time: new EventTimeInput(Start: later, End: later + Duration.FromHours(1), TimeZone: "UTC")), ann);

        var moved = await host.SendAsync(new ListRemindersQuery(), ann);
        moved.Select(r => (r.Id, r.MinutesBefore, r.DueAt, r.OccurrenceStart)).ShouldBe(
        [
            (set.Single(r => r.MinutesBefore == 60).Id, 60, later - Duration.FromHours(1), later),
            (set.Single(r => r.MinutesBefore == 10).Id, 10, later - Duration.FromMinutes(10), later),
        ]);

        // Only the new time counts: at the old due times nothing is delivered.
        host.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(5));
        (await SweepAsync(host)).ShouldBe(0);
        host.Clock.Advance(TimeSpan.FromHours(3));
        (await SweepAsync(host)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RenamingAnEvent_LeavesItsRemindersAlone_AndASnoozedOneKeepsItsTime(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var start = Now + Duration.FromDays(1);
        var lunch = await host.SendAsync(new CreateEventCommand("Lunch", new EventTimeInput(Start: start, End: start + Duration.FromHours(1), TimeZone: "UTC")), ann);
        var set = await host.SendAsync(new SetEventRemindersCommand(lunch.Id, [10, 60]), ann);
        var snoozedUntil = Now + Duration.FromHours(2);
        await host.SendAsync(new SnoozeReminderCommand(set[1].Id, Until: snoozedUntil), ann);

        await host.SendAsync(new UpdateEventCommand(lunch.Id, Title: "Lunch with Bob"), ann);
        var later = start + Duration.FromHours(3);
        await host.SendAsync(new UpdateEventCommand(lunch.Id, Time: new EventTimeInput(Start: later, End: later + Duration.FromHours(1), TimeZone: "UTC")), ann);

        var reminders = await host.SendAsync(new ListRemindersQuery(), ann);
        reminders.Single(r => r.Id == set[0].Id).DueAt.ShouldBe(later - Duration.FromMinutes(10));
        reminders.Single(r => r.Id == set[1].Id).DueAt.ShouldBe(snoozedUntil);
        reminders.ShouldAllBe(r => r.Text == "Lunch with Bob");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MovingAnEventToStartSoon_RemindsAtOnce(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var start = Now + Duration.FromDays(1);
        var call = await host.SendAsync(new CreateEventCommand("Call", new EventTimeInput(Start: start, End: start + Duration.FromHours(1), TimeZone: "UTC")), ann);
        await host.SendAsync(new SetEventRemindersCommand(call.Id, [60]), ann);

        var soon = Now + Duration.FromMinutes(20);
        await host.SendAsync(new UpdateEventCommand(call.Id, Time: new EventTimeInput(Start: soon, End: soon + Duration.FromMinutes(30), TimeZone: "UTC")), ann);

        (await host.SendAsync(new ListRemindersQuery(), ann)).Single().DueAt.ShouldBe(Now);
        (await SweepAsync(host)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletingAnEvent_HidesItsReminders_AndNothingIsDelivered(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var start = Now + Duration.FromDays(1);
        var lunch = await host.SendAsync(new CreateEventCommand("Lunch", new EventTimeInput(Start: start, End: start + Duration.FromHours(1), TimeZone: "UTC")), ann);
        await host.SendAsync(new SetEventRemindersCommand(lunch.Id, [10]), ann);

        await host.SendAsync(new DeleteEventCommand(lunch.Id), ann);

        (await host.SendAsync(new ListRemindersQuery(), ann)).ShouldBeEmpty();
        host.Clock.Advance(TimeSpan.FromDays(1));
        (await SweepAsync(host)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SeriesReminders_SkipAnExcludedOccurrence_AndAMovedOccurrenceKeepsItsOwn(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var first = Now + Duration.FromDays(1);
        var standup = await host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(Start: first, End: first + Duration.FromMinutes(15), TimeZone: "UTC"), Recurrence: "FREQ=DAILY;COUNT=5"),
            ann);
        await host.SendAsync(new SetEventRemindersCommand(standup.Id, [10]), ann);
        var firstId = first.InUtc().LocalDateTime;

        // The first occurrence moves an hour later on its own: it gets its own reminder; the series' moves on to day 2.
        var moved = first + Duration.FromHours(1);
        var single = await host.SendAsync(
            new UpdateOccurrenceCommand(standup.Id, firstId, OccurrenceScope.This, Time: new EventTimeInput(Start: moved, End: moved + Duration.FromMinutes(15), TimeZone: "UTC")),
            ann);

        var reminders = await host.SendAsync(new ListRemindersQuery(), ann);
        reminders.Select(r => (r.EventId, r.OccurrenceStart)).OrderBy(r => r.OccurrenceStart).ShouldBe(
        [
            (single.Id, moved),
            (standup.Id, first + Duration.FromDays(1)),
        ]);

        // Day 2 is cancelled: the series' reminder goes to day 3.
        await host.SendAsync(new DeleteOccurrenceCommand(standup.Id, (first + Duration.FromDays(1)).InUtc().LocalDateTime, OccurrenceScope.This), ann);
        (await host.SendAsync(new ListRemindersQuery(), ann)).Single(r => r.EventId == standup.Id).OccurrenceStart.ShouldBe(first + Duration.FromDays(2));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EndingASeries_DismissesTheRemindersItNoLongerHas(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var first = Now - Duration.FromHours(1);
        var standup = await host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(Start: first, End: first + Duration.FromMinutes(15), TimeZone: "UTC"), Recurrence: "FREQ=DAILY;COUNT=5"),
            ann);
        var reminder = (await host.SendAsync(new SetEventRemindersCommand(standup.Id, [10]), ann)).Single();
        reminder.OccurrenceStart.ShouldBe(first + Duration.FromDays(1));

        // "Delete this and following" from day 2: only today's (past) occurrence is left.
        await host.SendAsync(new DeleteOccurrenceCommand(standup.Id, (first + Duration.FromDays(1)).InUtc().LocalDateTime, OccurrenceScope.ThisAndFollowing), ann);

        (await host.SendAsync(new ListRemindersQuery(IncludeFinished: true), ann)).Single().State.ShouldBe(ReminderState.Dismissed);
    }

    private static async Task<int> SweepAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDelivery>().SweepAsync(CancellationToken.None);
    }
}
