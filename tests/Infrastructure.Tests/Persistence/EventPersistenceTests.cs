using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.DeleteEvent;
using CleanAssistant.Application.Events.GetEvent;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Application.Events.UpdateEvent;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Persistence;

public sealed class EventPersistenceTests
{
    private static readonly Instant Dec1At8Utc = Instant.FromUtc(2026, 12, 1, 8, 0);

    private static CreateEventCommand Timed(string title, Instant start, Duration? length = null) =>
        new(title, new EventTimeInput(Start: start, End: start + (length ?? Duration.FromHours(1))));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateEvent_StoresUtcInstantsAndTheZoneItWasMadeIn(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync(timeZone: "America/New_York");
        var start = Dec1At8Utc + Duration.FromMilliseconds(123);

        var created = await host.SendAsync(Timed("Dentist", start, Duration.FromMinutes(45)), ann);
        var loaded = await host.SendAsync(new GetEventQuery(created.Id), ann);

        loaded.Start.ShouldBe(start);
        loaded.End.ShouldBe(start + Duration.FromMinutes(45));
        loaded.TimeZone.ShouldBe("America/New_York");
        loaded.Title.ShouldBe("Dentist");
        loaded.Version.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AllDayEvent_CoversLocalDaysAcrossDaylightSavingEnd(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync(timeZone: "Europe/Berlin");

        // 25 October 2026 is 25 hours long in Berlin (clocks go back).
        var created = await host.SendAsync(
            new CreateEventCommand("Trip", new EventTimeInput(IsAllDay: true, StartDate: new LocalDate(2026, 10, 24), EndDate: new LocalDate(2026, 10, 25))),
            ann);

        created.IsAllDay.ShouldBeTrue();
        created.Start.ShouldBe(Instant.FromUtc(2026, 10, 23, 22, 0));
        created.End.ShouldBe(Instant.FromUtc(2026, 10, 25, 23, 0));
        (await host.SendAsync(new GetEventQuery(created.Id), ann)).End.ShouldBe(created.End);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeleteEvent_HidesItFromQueriesButKeepsTheRow(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var created = await host.SendAsync(Timed("Gym", Dec1At8Utc), ann);

        await host.SendAsync(new DeleteEventCommand(created.Id), ann);

        var lookup = await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetEventQuery(created.Id), ann));
        lookup.Code.ShouldBe("NOT_FOUND");
        (await host.SendAsync(new ListEventsQuery(Dec1At8Utc - Duration.FromDays(1), Dec1At8Utc + Duration.FromDays(1)), ann)).Items.ShouldBeEmpty();
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new UpdateEventCommand(created.Id, Title: "Back"), ann));

        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var row = await db.Events.IgnoreQueryFilters().SingleAsync(e => e.Id == created.Id);
        row.IsDeleted.ShouldBeTrue();
        row.DeletedAt.ShouldBe(Instant.FromDateTimeOffset(host.Clock.GetUtcNow()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnotherUsersEvent_IsNotFoundForEveryOperation(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync("ann@example.com");
        var bob = await host.RegisterAsync("bob@example.com");
        var annsEvent = await host.SendAsync(Timed("Ann's secret", Dec1At8Utc), ann);

        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetEventQuery(annsEvent.Id), bob));
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new UpdateEventCommand(annsEvent.Id, Title: "Mine now"), bob));
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new DeleteEventCommand(annsEvent.Id), bob));
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new CreateEventCommand("x", new EventTimeInput(Start: Dec1At8Utc), annsEvent.CalendarId), bob));
        var bobsView = await host.SendAsync(new ListEventsQuery(Dec1At8Utc - Duration.FromDays(1), Dec1At8Utc + Duration.FromDays(1)), bob);
        bobsView.Items.ShouldBeEmpty();

        (await host.SendAsync(new GetEventQuery(annsEvent.Id), ann)).Title.ShouldBe("Ann's secret");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UpdateEvent_WithStaleExpectedVersion_IsRefused(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var created = await host.SendAsync(Timed("Standup", Dec1At8Utc), ann);
        var moved = await host.SendAsync(new UpdateEventCommand(created.Id, ExpectedVersion: 1, Time: new EventTimeInput(Start: Dec1At8Utc + Duration.FromHours(2))), ann);
        moved.Version.ShouldBe(2);
        moved.End.ShouldBe(Dec1At8Utc + Duration.FromHours(3), "a moved event keeps its length");

        var conflict = await Should.ThrowAsync<ConflictException>(() => host.SendAsync(new UpdateEventCommand(created.Id, ExpectedVersion: 1, Title: "Late"), ann));
        conflict.Code.ShouldBe("VERSION_MISMATCH");
        (await host.SendAsync(new GetEventQuery(created.Id), ann)).Title.ShouldBe("Standup");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentChanges_TheSecondSaveIsRejectedByTheDatabase(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var created = await host.SendAsync(Timed("Standup", Dec1At8Utc), ann);

        await using var first = host.CreateScope(ann);
        await using var second = host.CreateScope(ann);
        var db1 = first.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var copy1 = await db1.Events.SingleAsync(e => e.Id == created.Id);
        var copy2 = await db2.Events.SingleAsync(e => e.Id == created.Id);
        copy1.ChangeDetails(Domain.Events.EventDetails.Create("From phone"), Dec1At8Utc);
        copy2.ChangeDetails(Domain.Events.EventDetails.Create("From laptop"), Dec1At8Utc);

        await db1.SaveChangesAsync();
        var conflict = await Should.ThrowAsync<ConflictException>(() => db2.SaveChangesAsync());

        conflict.Code.ShouldBe("CONCURRENT_UPDATE");
        (await host.SendAsync(new GetEventQuery(created.Id), ann)).Title.ShouldBe("From phone");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListEvents_ReturnsOverlappingEventsInStartOrder_PageByPage(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var windowStart = Dec1At8Utc;
        var windowEnd = Dec1At8Utc + Duration.FromDays(1);
        await host.SendAsync(Timed("Ends exactly at the window start", windowStart - Duration.FromHours(1)), ann);
        await host.SendAsync(Timed("Starts exactly at the window end", windowEnd), ann);
        await host.SendAsync(Timed("Spans the window start", windowStart - Duration.FromMinutes(30)), ann);
        for (var i = 4; i >= 0; i--)
        {
            await host.SendAsync(Timed($"Inside {i}", windowStart + Duration.FromHours(i + 1)), ann);
        }

        var titles = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await host.SendAsync(new ListEventsQuery(windowStart, windowEnd, First: 2, After: after), ann);
            titles.AddRange(page.Items.Select(e => e.Title));
            after = page.HasNextPage ? page.CursorAt(page.Items.Count - 1) : null;
            pages++;
        }
        while (after is not null);

        titles.ShouldBe(["Spans the window start", "Inside 0", "Inside 1", "Inside 2", "Inside 3", "Inside 4"]);
        pages.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListEvents_InOneCalendar_LeavesOtherCalendarsOut(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var work = await host.SendAsync(new Application.Calendars.CreateCalendar.CreateCalendarCommand("Work"), ann);
        await host.SendAsync(Timed("Private", Dec1At8Utc), ann);
        await host.SendAsync(Timed("Review", Dec1At8Utc) with { CalendarId = work.Id }, ann);

        var onlyWork = await host.SendAsync(new ListEventsQuery(Dec1At8Utc, Dec1At8Utc + Duration.FromHours(2), work.Id), ann);
        var all = await host.SendAsync(new ListEventsQuery(Dec1At8Utc, Dec1At8Utc + Duration.FromHours(2)), ann);

        onlyWork.Items.Select(e => e.Title).ShouldBe(["Review"]);
        all.Items.Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InvalidInput_IsRejectedBeforeTheDatabase(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var error = await Should.ThrowAsync<ValidationException>(() =>
            host.SendAsync(new CreateEventCommand("", new EventTimeInput(Start: Dec1At8Utc, End: Dec1At8Utc - Duration.FromHours(1), TimeZone: "Mars/Olympus")), ann));

        error.Failures.Select(f => f.Field).ShouldBe(["title", "time.timeZone", "time.end"], ignoreOrder: true);
        await Should.ThrowAsync<UnauthenticatedException>(() => host.SendAsync(Timed("Anonymous", Dec1At8Utc)));
    }


    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateEvent_RetriedWithTheSameIdempotencyKey_NeverMakesASecondEvent(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync("ann@example.com");
        var bob = await host.RegisterAsync("bob@example.com");
        var command = Timed("Dentist", Dec1At8Utc) with { IdempotencyKey = "3f1c-retry" };

        var first = await host.SendAsync(command, ann);
        var retry = await host.SendAsync(command, ann);
        var racers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                return (await host.SendAsync(command with { IdempotencyKey = "raced" }, ann)).Id.ToString();
            }
            catch (ConflictException conflict)
            {
                return conflict.Code;
            }
        }));
        var bobsOwn = await host.SendAsync(command, bob);

        retry.Id.ShouldBe(first.Id);
        bobsOwn.Id.ShouldNotBe(first.Id, "keys are per user");
        racers.Where(r => r != "DUPLICATE").Distinct().Count().ShouldBe(1, "every racer that got an answer got the same event");
        var all = await host.SendAsync(new ListEventsQuery(Dec1At8Utc, Dec1At8Utc + Duration.FromHours(1)), ann);
        all.Items.Count.ShouldBe(2);
    }
}
