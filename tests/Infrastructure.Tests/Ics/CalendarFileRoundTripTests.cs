using CleanAssistant.Application.Calendars.ExportCalendar;
using CleanAssistant.Application.Calendars.ImportCalendar;
using CleanAssistant.Application.Calendars.ListCalendars;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.ChangeOccurrence;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Application.Users;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Infrastructure.Tests.Ics;

public sealed class CalendarFileRoundTripTests
{
    private static readonly Instant From = Instant.FromUtc(2026, 10, 1, 0, 0);
    private static readonly Instant To = Instant.FromUtc(2027, 1, 15, 0, 0);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportedCalendar_ImportedIntoANewCalendar_HasTheSameOccurrences_AndReimportAddsNothing(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var personal = (await host.SendAsync(new ListCalendarsQuery(), ann)).Single();
        await CreateSampleEventsAsync(host, ann);

        var exported = await host.SendAsync(new ExportCalendarQuery(personal.Id), ann);
        var result = await host.SendAsync(new ImportCalendarCommand(null, exported.FileName, System.Text.Encoding.UTF8.GetBytes(exported.Text)), ann);

        exported.FileName.ShouldBe("Personal.ics");
        exported.Text.ShouldContain("BEGIN:VTIMEZONE");
        exported.Text.ShouldContain("TZID:America/New_York");
        exported.Text.ShouldContain("DTSTART;TZID=Europe/Berlin:20261102T090000");
        exported.Text.ShouldContain("RRULE:FREQ=WEEKLY");
        exported.Text.ShouldContain("EXDATE;TZID=Europe/Berlin:20261109T090000");
        exported.Text.ShouldContain("RECURRENCE-ID;TZID=Europe/Berlin:20261116T090000");
        exported.Text.ShouldContain("DTSTART;VALUE=DATE:20261224");
        exported.Text.ShouldContain("TRANSP:TRANSPARENT");
        result.Problems.ShouldBeEmpty();
        result.Imported.ShouldBe(5, "four events and one changed occurrence");
        result.Calendar.Name.ShouldBe("Personal");
        result.Calendar.Id.ShouldNotBe(personal.Id);
        Shown(await ListAsync(host, ann, result.Calendar.Id)).ShouldBe(Shown(await ListAsync(host, ann, personal.Id)));
        (await ListAsync(host, ann, result.Calendar.Id)).Count.ShouldBe(8, "flight, trip, holiday and six standups less the deleted one");

        var again = await host.SendAsync(new ImportCalendarCommand(result.Calendar.Id, exported.FileName, System.Text.Encoding.UTF8.GetBytes(exported.Text)), ann);
        again.Imported.ShouldBe(0);
        again.Skipped.ShouldBe(5);
        (await ListAsync(host, ann, result.Calendar.Id)).Count.ShouldBe(8);

        var intoOriginal = await host.SendAsync(new ImportCalendarCommand(personal.Id, exported.FileName, System.Text.Encoding.UTF8.GetBytes(exported.Text)), ann);
        intoOriginal.Imported.ShouldBe(0, "our own events are recognised by their exported UID");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportingAnotherUsersCalendar_IsNotFound_AndSoIsImportingIntoIt(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var bob = await host.RegisterAsync("bob@example.com");
        var bobs = (await host.SendAsync(new ListCalendarsQuery(), bob)).Single();

        await Should.ThrowAsync<Application.Common.Exceptions.NotFoundException>(() => host.SendAsync(new ExportCalendarQuery(bobs.Id), ann));
        await Should.ThrowAsync<Application.Common.Exceptions.NotFoundException>(
            () => host.SendAsync(new ImportCalendarCommand(bobs.Id, "x.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray()), ann));
    }

    internal static async Task CreateSampleEventsAsync(UseCaseHost host, UserDto user)
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var flight = new LocalDateTime(2026, 12, 3, 10, 0).InZoneStrictly(newYork).ToInstant();
        await host.SendAsync(new CreateEventCommand("Flight to JFK", new EventTimeInput(flight, flight + Duration.FromHours(8), TimeZone: "America/New_York"), Location: "Gate 12, Terminal 1", Description: "Seat 14A.\nBring the passport; check in online."), user);
        await host.SendAsync(new CreateEventCommand("Trip", new EventTimeInput(IsAllDay: true, StartDate: new LocalDate(2026, 12, 24), EndDate: new LocalDate(2026, 12, 28))), user);
        var holiday = new LocalDateTime(2026, 12, 31, 18, 0).InZoneStrictly(berlin).ToInstant();
        await host.SendAsync(new CreateEventCommand("New Year's Eve", new EventTimeInput(holiday, holiday + Duration.FromHours(6)), ShowAs: Availability.Free), user);

        var first = new LocalDateTime(2026, 11, 2, 9, 0).InZoneStrictly(berlin).ToInstant();
        var standup = await host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(first, first + Duration.FromMinutes(15), TimeZone: "Europe/Berlin"), Recurrence: "FREQ=WEEKLY;BYDAY=MO;COUNT=6"), user);
        await host.SendAsync(new DeleteOccurrenceCommand(standup.Id, new LocalDateTime(2026, 11, 9, 9, 0), OccurrenceScope.This), user);
        var moved = new LocalDateTime(2026, 11, 17, 14, 30).InZoneStrictly(berlin).ToInstant();
        await host.SendAsync(
            new UpdateOccurrenceCommand(standup.Id, new LocalDateTime(2026, 11, 16, 9, 0), OccurrenceScope.This, Title: "Standup (moved)", Time: new EventTimeInput(moved, moved + Duration.FromMinutes(30))),
            user);
    }

    internal static async Task<List<EventDto>> ListAsync(UseCaseHost host, UserDto user, CalendarId calendarId) =>
        [.. (await host.SendAsync(new ListEventsQuery(From, To, calendarId, First: 200), user)).Items];

    private static List<string> Shown(IEnumerable<EventDto> events) =>
        [.. events.Select(e => $"{e.Title}|{InstantPattern.General.Format(e.Start)}|{InstantPattern.General.Format(e.End)}|{e.TimeZone}|{e.IsAllDay}|{e.ShowAs}|{e.Location}|{e.Description}")
            .Order(StringComparer.Ordinal)];
}
