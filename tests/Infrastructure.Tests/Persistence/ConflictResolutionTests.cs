using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.GetEvent;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Application.Scheduling.ResolveConflict;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Persistence;

public sealed class ConflictResolutionTests
{
    // Tuesday 1 December 2026; the user works 09:00-17:00 in UTC.
    private static readonly Instant Ten = Instant.FromUtc(2026, 12, 1, 10, 0);

    private static CreateEventCommand At(string title, Instant start, int minutes = 60, bool flexible = false) =>
        new(title, new EventTimeInput(Start: start, End: start + Duration.FromMinutes(minutes)), IsFlexible: flexible);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AConflictWithAFlexibleEvent_OffersOtherTimesAndMovingIt_AndApplyingIsAtomic(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync(timeZone: "UTC");
        var gym = await host.SendAsync(At("Gym", Ten, flexible: true), ann);
        await host.SendAsync(At("Lunch", Ten + Duration.FromHours(2)), ann);

        var proposal = await host.SendAsync(new ProposeResolutionsQuery(Ten, Ten + Duration.FromHours(1), "Interview"), ann);

        proposal.Conflicts.ShouldHaveSingleItem().Title.ShouldBe("Gym");
        var moveNew = proposal.Resolutions.Where(r => r.Kind == ResolutionKind.MoveNew).ToList();
        moveNew.Count.ShouldBe(3);
        moveNew.ShouldAllBe(r => r.NewEventTime.Start != Ten);
        var moveGym = proposal.Resolutions.Single(r => r.Kind == ResolutionKind.MoveExisting);
        moveGym.NewEventTime.Start.ShouldBe(Ten);
        var move = moveGym.Moves.ShouldHaveSingleItem();
        move.EventId.ShouldBe(gym.Id);
        (move.To >= Ten + Duration.FromHours(1) || move.To + Duration.FromHours(1) <= Ten).ShouldBeTrue("the gym moves off the interview");
        moveGym.Consequences.ShouldHaveSingleItem().ShouldContain("'Gym' moves from");

        var interview = await host.SendAsync(new ResolveConflictCommand(At("Interview", Ten), [(gym.Id, move.To)]), ann);

        interview.Start.ShouldBe(Ten);
        (await host.SendAsync(new GetEventQuery(gym.Id), ann)).Start.ShouldBe(move.To);
        (await host.SendAsync(new ProposeResolutionsQuery(Ten, Ten + Duration.FromHours(1)), ann)).Conflicts.ShouldHaveSingleItem().Title.ShouldBe("Interview");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AResolutionThatStillOverlaps_ChangesNothing_AndRigidEventsCannotBeMoved(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync(timeZone: "UTC");
        var gym = await host.SendAsync(At("Gym", Ten, flexible: true), ann);
        var lunch = await host.SendAsync(At("Lunch", Ten + Duration.FromHours(2)), ann);

        var onLunch = await Should.ThrowAsync<ConflictException>(() =>
            host.SendAsync(new ResolveConflictCommand(At("Interview", Ten), [(gym.Id, Ten + Duration.FromHours(2))]), ann));
        var rigid = await Should.ThrowAsync<ConflictException>(() =>
            host.SendAsync(new ResolveConflictCommand(At("Interview", Ten + Duration.FromHours(2)), [(lunch.Id, Ten + Duration.FromHours(4))]), ann));
        var proposal = await host.SendAsync(new ProposeResolutionsQuery(Ten + Duration.FromHours(2), Ten + Duration.FromHours(3)), ann);

        onLunch.Code.ShouldBe("CONFLICTING_EVENTS");
        rigid.Code.ShouldBe("NOT_FLEXIBLE");
        (await host.SendAsync(new GetEventQuery(gym.Id), ann)).Start.ShouldBe(Ten, "the failed resolution moved nothing");
        (await host.SendAsync(new ListEventsQuery(Ten - Duration.FromDays(1), Ten + Duration.FromDays(1)), ann)).Items.Count.ShouldBe(2);
        proposal.Resolutions.ShouldNotContain(r => r.Kind == ResolutionKind.MoveExisting, "lunch is not flexible");
    }
}
