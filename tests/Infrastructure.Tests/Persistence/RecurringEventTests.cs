using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.ChangeOccurrence;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.FindConflicts;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Application.Events.ListOccurrences;
using CleanAssistant.Application.Users;
using CleanAssistant.Domain.Common;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Persistence;

public sealed class RecurringEventTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    // Monday 19 October 2026, 09:00 in Berlin (CEST, UTC+2); clocks go back on Sunday 25 October.
    private static readonly Instant FirstStandup = new LocalDateTime(2026, 10, 19, 9, 0).InZoneStrictly(Berlin).ToInstant();
    private static readonly Instant From = FirstStandup - Duration.FromDays(1);
    private static readonly Instant To = FirstStandup + Duration.FromDays(28);

    private static async Task<EventDto> WeeklyStandupAsync(UseCaseHost host, UserDto user, string rule = "FREQ=WEEKLY;BYDAY=MO") =>
        await host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(Start: FirstStandup, End: FirstStandup + Duration.FromMinutes(15), TimeZone: "Europe/Berlin"), Recurrence: rule),
            user);

    private static async Task<List<EventDto>> ShownAsync(UseCaseHost host, UserDto user) =>
        [.. (await host.SendAsync(new ListEventsQuery(From, To), user)).Items];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WeeklySeries_IsListedAsOccurrences_AtTheSameLocalTimeAcrossDaylightSaving(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var series = await WeeklyStandupAsync(host, ann);

        var shown = await ShownAsync(host, ann);

        series.Recurrence.ShouldBe("FREQ=WEEKLY;BYDAY=MO");
        shown.Count.ShouldBe(4);
        shown.ShouldAllBe(o => o.Id == series.Id && o.RecurrenceId != null);
        shown.Select(o => o.Start.InZone(Berlin).TimeOfDay).Distinct().ShouldBe([new LocalTime(9, 0)]);
        shown.Select(o => o.Start.InUtc().Hour).ShouldBe([7, 8, 8, 8], "09:00 local is 07:00 UTC in summer time and 08:00 UTC after it");
        (await host.SendAsync(new ListOccurrencesQuery(series.Id, From, To), ann)).Count.ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletingThisOccurrence_ThisAndFollowing_AndAll(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var series = await WeeklyStandupAsync(host, ann);
        var occurrences = await ShownAsync(host, ann);

        await host.SendAsync(new DeleteOccurrenceCommand(series.Id, occurrences[1].RecurrenceId!.Value, OccurrenceScope.This), ann);
        (await ShownAsync(host, ann)).Select(o => o.RecurrenceId).ShouldBe([occurrences[0].RecurrenceId, occurrences[2].RecurrenceId, occurrences[3].RecurrenceId]);

        await host.SendAsync(new DeleteOccurrenceCommand(series.Id, occurrences[2].RecurrenceId!.Value, OccurrenceScope.ThisAndFollowing), ann);
        (await ShownAsync(host, ann)).Select(o => o.RecurrenceId).ShouldBe([occurrences[0].RecurrenceId]);

        await host.SendAsync(new DeleteOccurrenceCommand(series.Id, occurrences[0].RecurrenceId!.Value, OccurrenceScope.All), ann);
        (await ShownAsync(host, ann)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangingThisOccurrence_MakesAnOverride_AndThisAndFollowing_SplitsTheSeries(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var series = await WeeklyStandupAsync(host, ann, "FREQ=WEEKLY;BYDAY=MO;COUNT=4");
        var occurrences = await ShownAsync(host, ann);

        var moved = await host.SendAsync(
            new UpdateOccurrenceCommand(series.Id, occurrences[1].RecurrenceId!.Value, OccurrenceScope.This, Title: "Standup (moved)", Time: new EventTimeInput(Start: occurrences[1].Start + Duration.FromHours(1))),
            ann);
        moved.SeriesId.ShouldBe(series.Id);
        moved.RecurrenceId.ShouldBe(occurrences[1].RecurrenceId);
        moved.End.ShouldBe(occurrences[1].End + Duration.FromHours(1));
        (await ShownAsync(host, ann)).Select(o => o.Title).ShouldBe(["Standup", "Standup (moved)", "Standup", "Standup"]);

        var renamed = await host.SendAsync(new UpdateOccurrenceCommand(series.Id, occurrences[2].RecurrenceId!.Value, OccurrenceScope.ThisAndFollowing, Title: "Sync"), ann);
        renamed.Recurrence.ShouldNotBeNull().ShouldContain("UNTIL=");
        (await ShownAsync(host, ann)).Select(o => o.Title).ShouldBe(["Standup", "Standup (moved)", "Sync", "Sync"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Occurrences_Conflict_AndBlockBookings(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        await WeeklyStandupAsync(host, ann);
        var thirdMonday = FirstStandup + Duration.FromDays(14) + Duration.FromHours(1);

        var conflicts = await host.SendAsync(new FindConflictsQuery(thirdMonday, thirdMonday + Duration.FromMinutes(30)), ann);
        var refused = await Should.ThrowAsync<ConflictException>(() => host.SendAsync(
            new CreateEventCommand("1:1", new EventTimeInput(Start: thirdMonday, End: thirdMonday + Duration.FromMinutes(30)), RejectConflicts: true),
            ann));

        conflicts.ShouldHaveSingleItem().Title.ShouldBe("Standup");
        refused.Code.ShouldBe("CONFLICTING_EVENTS");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InvalidRules_AndUnknownOccurrences_AreClearErrors(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var series = await WeeklyStandupAsync(host, ann);

        var badRule = await Should.ThrowAsync<DomainException>(() => WeeklyStandupAsync(host, ann, "FREQ=SOMETIMES"));
        var noSuch = await Should.ThrowAsync<DomainException>(() =>
            host.SendAsync(new DeleteOccurrenceCommand(series.Id, new LocalDateTime(2026, 10, 20, 9, 0), OccurrenceScope.This), ann));

        badRule.Code.ShouldBe("INVALID_RECURRENCE");
        noSuch.Code.ShouldBe("NO_SUCH_OCCURRENCE");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BookingASeries_IsRefusedWhenALaterOccurrenceIsTaken(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var thirdMonday = new LocalDateTime(2026, 11, 2, 9, 5).InZoneStrictly(Berlin).ToInstant();
        await host.SendAsync(new CreateEventCommand("Dentist", new EventTimeInput(Start: thirdMonday, End: thirdMonday + Duration.FromMinutes(30))), ann);

        var refused = await Should.ThrowAsync<ConflictException>(() => host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(Start: FirstStandup, End: FirstStandup + Duration.FromMinutes(15)), Recurrence: "FREQ=WEEKLY;BYDAY=MO", RejectConflicts: true),
            ann));
        var fits = await host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(Start: FirstStandup, End: FirstStandup + Duration.FromMinutes(15)), Recurrence: "FREQ=WEEKLY;BYDAY=MO;COUNT=2", RejectConflicts: true),
            ann);

        refused.Message.ShouldContain("Dentist");
        fits.Recurrence.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MovingTheWholeSeries_KeepsDeletedOccurrencesDeleted_AndDeletingItTakesOverridesAlong(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var series = await WeeklyStandupAsync(host, ann);
        var occurrences = await ShownAsync(host, ann);
        await host.SendAsync(new DeleteOccurrenceCommand(series.Id, occurrences[1].RecurrenceId!.Value, OccurrenceScope.This), ann);
        await host.SendAsync(new UpdateOccurrenceCommand(series.Id, occurrences[2].RecurrenceId!.Value, OccurrenceScope.This, Title: "Standup (offsite)"), ann);

        await host.SendAsync(new UpdateOccurrenceCommand(series.Id, occurrences[0].RecurrenceId!.Value, OccurrenceScope.All, Time: new EventTimeInput(Start: FirstStandup + Duration.FromHours(1))), ann);
        var moved = await ShownAsync(host, ann);

        moved.Count.ShouldBe(3, "the deleted occurrence stays deleted after the series moved");
        moved.Where(o => o.Title == "Standup").Select(o => o.Start.InZone(Berlin).TimeOfDay).Distinct().ShouldBe([new LocalTime(10, 0)]);

        await host.SendAsync(new DeleteOccurrenceCommand(series.Id, moved[0].RecurrenceId!.Value, OccurrenceScope.All), ann);
        (await ShownAsync(host, ann)).ShouldBeEmpty("the offsite override went with its series");
    }
}
