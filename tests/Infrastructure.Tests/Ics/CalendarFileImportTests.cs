using System.Globalization;
using System.Text;
using CleanAssistant.Application.Calendars.ImportCalendar;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Ics;

public sealed class CalendarFileImportTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OutlookFile_WindowsZones_Recurrence_Exceptions_AndOverride_LandRight(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var result = await host.SendAsync(new ImportCalendarCommand(null, "outlook.ics", Encoding.UTF8.GetBytes(RealWorldFiles.Outlook)), ann);
        var events = await CalendarFileRoundTripTests.ListAsync(host, ann, result.Calendar.Id);

        result.Calendar.Name.ShouldBe("Work (Outlook)");
        result.Imported.ShouldBe(3);
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Uid.ShouldBe("outlook-broken-1");
        problem.Line.ShouldBe(74, "the line of its BEGIN:VEVENT");
        problem.Message.ShouldContain("DTSTART");
        result.Skipped.ShouldBe(1);

        var sync = events.Where(e => e.Title.StartsWith("Platform sync", StringComparison.Ordinal)).ToList();
        sync.ShouldAllBe(e => e.TimeZone == "Europe/Berlin");
        sync.Select(e => e.Start.InZone(Berlin).LocalDateTime.ToString("yyyy-MM-dd HH:mm", null)).ShouldBe(
        [
            "2026-10-20 10:00", "2026-10-22 10:00", "2026-10-29 10:00", "2026-11-03 10:00", "2026-11-05 15:00",
            "2026-11-10 10:00", "2026-11-12 10:00", "2026-11-17 10:00", "2026-11-19 10:00",
        ]);
        sync[0].Start.ShouldBe(Instant.FromUtc(2026, 10, 20, 8, 0), "10:00 in summer time is 08:00 UTC");
        sync[3].Start.ShouldBe(Instant.FromUtc(2026, 11, 3, 9, 0), "10:00 in winter time is 09:00 UTC");
        var moved = sync[4];
        moved.Title.ShouldBe("Platform sync (afternoon)");
        moved.ShowAs.ShouldBe(Availability.Tentative);
        sync[0].Location.ShouldBe("Room 4.12");
        sync[0].Description.ShouldNotBeNull().ShouldContain("meeting_abcdef%40thread.v2", Case.Sensitive, "folded lines are joined");

        var lunch = events.Single(e => e.Title == "Lunch with Carla");
        lunch.TimeZone.ShouldBe("Europe/Berlin", "Outlook's display-name TZID is matched by its VTIMEZONE offsets");
        lunch.Start.ShouldBe(Instant.FromUtc(2026, 12, 1, 11, 0));
        lunch.ShowAs.ShouldBe(Availability.Tentative);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GoogleFile_AllDay_Utc_Floating_AndCancelledOccurrence_LandRight(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var result = await host.SendAsync(new ImportCalendarCommand(null, "google.ics", Encoding.UTF8.GetBytes(RealWorldFiles.Google)), ann);
        var events = await CalendarFileRoundTripTests.ListAsync(host, ann, result.Calendar.Id);

        result.Problems.ShouldBeEmpty();
        result.Imported.ShouldBe(4);
        result.Skipped.ShouldBe(1, "the cancelled occurrence");
        result.Calendar.Name.ShouldBe("ann@example.com");

        var christmas = events.Single(e => e.Title == "Christmas at my parents'");
        christmas.IsAllDay.ShouldBeTrue();
        christmas.ShowAs.ShouldBe(Availability.Free);
        christmas.TimeZone.ShouldBe("Europe/Berlin");
        christmas.Start.ShouldBe(new LocalDate(2026, 12, 24).AtStartOfDayInZone(Berlin).ToInstant());
        christmas.End.ShouldBe(new LocalDate(2026, 12, 27).AtStartOfDayInZone(Berlin).ToInstant());

        var calls = events.Where(e => e.Title == "Call with the New York office").ToList();
        calls.Select(e => e.Start).ShouldBe(
            [Instant.FromUtc(2026, 11, 2, 13, 30), Instant.FromUtc(2026, 11, 3, 13, 30), Instant.FromUtc(2026, 11, 5, 13, 30), Instant.FromUtc(2026, 11, 6, 13, 30)]);
        calls.ShouldAllBe(e => e.TimeZone == "America/New_York");

        var webinar = events.Single(e => e.Title == "Webinar (UTC)");
        (webinar.Start, webinar.TimeZone).ShouldBe((Instant.FromUtc(2026, 12, 3, 15, 0), "UTC"));
        var dinner = events.Single(e => e.Title == "Dinner (floating time)");
        (dinner.Start, dinner.TimeZone).ShouldBe((Instant.FromUtc(2026, 12, 4, 18, 0), "Europe/Berlin"), "a floating time is the user's time");
    }

    [Theory]
    [InlineData("Subject,Start Date\r\nDentist,2026-12-01\r\n", "not an iCalendar")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n", "broken")]
    [InlineData("BEGIN:VCALENDAR\r\nthis line is no property\r\nEND:VCALENDAR\r\n", "broken")]
    [InlineData("", "empty")]
    public async Task BadFiles_AreValidationErrors_AndAddNothing(string text, string message)
    {
        await using var host = await UseCaseHost.StartAsync(DatabaseProvider.Sqlite);
        var ann = await host.RegisterAsync();

        var error = await Should.ThrowAsync<ValidationException>(() => host.SendAsync(new ImportCalendarCommand(null, "bad.ics", Encoding.UTF8.GetBytes(text)), ann));

        error.Failures.ShouldHaveSingleItem().Field.ShouldBe("file");
        error.Message.ShouldContain(message);
        (await host.SendAsync(new Application.Calendars.ListCalendars.ListCalendarsQuery(), ann)).Count.ShouldBe(1, "no calendar was created");
    }

    [Fact]
    public async Task TooLargeFiles_AndTooManyEvents_AreValidationErrors()
    {
        await using var host = await UseCaseHost.StartAsync(DatabaseProvider.Sqlite);
        var ann = await host.RegisterAsync();
        var many = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for (var i = 0; i <= ImportCalendarCommandValidator.MaxEvents; i++)
        {
            many.Append(CultureInfo.InvariantCulture, $"BEGIN:VEVENT\r\nUID:{i}\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\n");
        }

        many.Append("END:VCALENDAR\r\n");

        var tooLarge = await Should.ThrowAsync<ValidationException>(
            () => host.SendAsync(new ImportCalendarCommand(null, "big.ics", new byte[ImportCalendarCommandValidator.MaxBytes + 1]), ann));
        var tooMany = await Should.ThrowAsync<ValidationException>(
            () => host.SendAsync(new ImportCalendarCommand(null, "many.ics", Encoding.UTF8.GetBytes(many.ToString())), ann));

        tooLarge.Message.ShouldContain("5 MB");
        tooMany.Message.ShouldContain("at most 10000");
    }
}
