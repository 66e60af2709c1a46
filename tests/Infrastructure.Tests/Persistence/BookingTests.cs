using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.FindConflicts;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Persistence;

/// <summary>No double booking by construction: the Cal.com race, hammered on both databases.</summary>
public sealed class BookingTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 12, 1, 9, 0);

    private static CreateEventCommand Booking(string title, Instant start, int minutes = 60) =>
        new(title, new EventTimeInput(Start: start, End: start + Duration.FromMinutes(minutes)), RejectConflicts: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentBookingsOfOverlappingTime_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        for (var round = 0; round < 3; round++)
        {
            var start = Nine + Duration.FromDays(round);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
            {
                try
                {
                    await host.SendAsync(Booking($"Booking {i}", start + Duration.FromMinutes(i * 4)), ann);
                    return "booked";
                }
                catch (ConflictException conflict)
                {
                    return conflict.Code;
                }
            })));

            outcomes.Count(o => o == "booked").ShouldBe(1, string.Join(", ", outcomes));
            outcomes.Where(o => o != "booked").ShouldAllBe(o => o == "CONFLICTING_EVENTS");
            var stored = await host.SendAsync(new ListEventsQuery(start, start + Duration.FromHours(3)), ann);
            stored.Items.Count.ShouldBe(1);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentBookingsOfSeparateTimesOrPeople_AllSucceed(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync("ann@example.com");
        var bob = await host.RegisterAsync("bob@example.com");

        var booked = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => Task.Run(() => host.SendAsync(Booking($"Ann {i}", Nine + Duration.FromHours(i)), ann)))
                .Concat(Enumerable.Range(0, 6).Select(i => Task.Run(() => host.SendAsync(Booking($"Bob {i}", Nine + Duration.FromHours(i)), bob)))));

        booked.Length.ShouldBe(12);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FreeEventsNeverConflict_AndTouchingEventsDoNot(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        await host.SendAsync(new CreateEventCommand("Birthday", new EventTimeInput(IsAllDay: true, StartDate: new LocalDate(2026, 12, 1)), ShowAs: Availability.Free), ann);
        var standup = await host.SendAsync(Booking("Standup", Nine, 30), ann);

        await host.SendAsync(Booking("Right after", Nine + Duration.FromMinutes(30)), ann);
        var refused = await Should.ThrowAsync<ConflictException>(() => host.SendAsync(Booking("Clash", Nine + Duration.FromMinutes(15)), ann));
        var conflicts = await host.SendAsync(new FindConflictsQuery(Nine, Nine + Duration.FromMinutes(20)), ann);
        var movingItself = await host.SendAsync(new FindConflictsQuery(Nine, Nine + Duration.FromMinutes(20), Ignoring: standup.Id), ann);

        refused.Code.ShouldBe("CONFLICTING_EVENTS");
        refused.Message.ShouldContain("Standup");
        conflicts.Select(c => c.Title).ShouldBe(["Standup"]);
        movingItself.ShouldBeEmpty();
    }
}
