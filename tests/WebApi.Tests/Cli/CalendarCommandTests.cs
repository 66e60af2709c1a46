using System.CommandLine;
using System.Text;
using CleanAssistant.Application.Calendars.ListCalendars;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Users.FindUserByEmail;
using CleanAssistant.Cli;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class CalendarCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportThenImport_CopiesTheEventsIntoAnotherUsersCalendar_AndASecondImportAddsNothing(DatabaseProvider provider)
    {
        await using var database = await WithUsersAsync(provider, "ann@example.com", "bo@example.com");
        await AddEventsAsync(database, "ann@example.com");

        var exported = await CliRun.InProcessAsync(new[] { "calendar", "export", "--user", "ANN@example.com", "--calendar", "personal" }.On(database));

        exported.ExitCode.ShouldBe(0, exported.ToString());
        exported.Out.ShouldStartWith("BEGIN:VCALENDAR");
        CountOf(exported.Out, "BEGIN:VEVENT").ShouldBe(3);
        exported.Out.ShouldContain("SUMMARY:Standup");
        exported.Out.ShouldContain("RRULE:FREQ=DAILY;COUNT=5");
        exported.Error.ShouldBeEmpty();

        var file = Path.Combine(Path.GetTempPath(), $"cleanassistant-cli-{Guid.NewGuid():N}.ics");
        try
        {
            await File.WriteAllTextAsync(file, exported.Out);
            var bosCalendar = await CalendarIdAsync(database, "bo@example.com");

            var imported = await CliRun.InProcessAsync(
                new[] { "calendar", "import", "--user", "bo@example.com", "--calendar", bosCalendar.Value.ToString(), file }.On(database));

            imported.ExitCode.ShouldBe(0, imported.ToString());
            imported.Out.ShouldContain("Imported 3 event(s) into calendar 'Personal' of bo@example.com; skipped 0.");
            imported.Out.ShouldNotContain("Problems");
            (await EventsInAsync(database, bosCalendar)).ShouldBe(3);

            var again = await CliRun.InProcessAsync(
                new[] { "calendar", "import", "--user", "bo@example.com", "--calendar", "PERSONAL", file }.On(database));

            again.ExitCode.ShouldBe(0, again.ToString());
            again.Out.ShouldContain("Imported 0 event(s)");
            again.Out.ShouldContain("skipped 3.");
            (await EventsInAsync(database, bosCalendar)).ShouldBe(3);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Export_WithOutput_WritesTheFile_AndImportFromStdinMakesANewCalendarNamedAfterIt()
    {
        await using var database = await WithUsersAsync(DatabaseProvider.Sqlite, "ann@example.com", "bo@example.com");
        await AddEventsAsync(database, "ann@example.com");
        var annsCalendar = await CalendarIdAsync(database, "ann@example.com");
        var graphQLId = Convert.ToBase64String(Encoding.UTF8.GetBytes($"Calendar:{annsCalendar.Value:N}"));
        var file = Path.Combine(Path.GetTempPath(), $"cleanassistant-cli-{Guid.NewGuid():N}.ics");
        try
        {
            var exported = await CliRun.InProcessAsync(
                new[] { "calendar", "export", "--user", "ann@example.com", "--calendar", graphQLId, "--output", file }.On(database));

            exported.ExitCode.ShouldBe(0, exported.ToString());
            exported.Out.ShouldContain("Exported calendar 'Personal' of ann@example.com");
            var text = await File.ReadAllTextAsync(file);
            CountOf(text, "BEGIN:VEVENT").ShouldBe(3);

            var imported = await CliRun.InProcessAsync(new[] { "calendar", "import", "--user", "bo@example.com", "-" }.On(database), stdin: text);

            imported.ExitCode.ShouldBe(0, imported.ToString());
            imported.Out.ShouldContain("Imported 3 event(s) into calendar 'Personal' of bo@example.com (new); skipped 0.");
            var bosCalendars = await CliRun.InspectAsync(database, async (db, _) =>
            {
                var bo = await db.Users.SingleAsync(u => u.Email == "bo@example.com");
                return await db.Calendars.Where(c => c.OwnerId == bo.Id).CountAsync();
            });
            bosCalendars.ShouldBe(2, "the default calendar and the imported one");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_ListsTheEventsItCouldNotRead_ByLine()
    {
        await using var database = await WithUsersAsync(DatabaseProvider.Sqlite, "bo@example.com");
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
            + "BEGIN:VEVENT\r\nUID:good@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T090000Z\r\nDTEND:20260105T100000Z\r\nSUMMARY:Good\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:bad@test\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n";

        var result = await CliRun.InProcessAsync(new[] { "calendar", "import", "--user", "bo@example.com", "--calendar", "Personal", "-" }.On(database), stdin: ics);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("Imported 1 event(s)");
        result.Out.ShouldContain("skipped 1.");
        result.Out.ShouldContain("Problems (1):");
        result.Out.ShouldContain("  line 11: ");
        result.Out.ShouldContain("(UID bad@test)");
    }

    [Fact]
    public async Task Import_OfAFileThatIsNotICalendar_ExitsWith3AndAddsNothing()
    {
        await using var database = await WithUsersAsync(DatabaseProvider.Sqlite, "bo@example.com");

        var result = await CliRun.InProcessAsync(new[] { "calendar", "import", "--user", "bo@example.com", "-" }.On(database), stdin: "hello\n");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("file: ");
        result.Error.ShouldContain("BEGIN:VCALENDAR");
        (await CliRun.InspectAsync(database, (db, _) => db.Calendars.CountAsync())).ShouldBe(1);
    }

    [Theory]
    [InlineData("export", "--calendar", "Personal")]
    [InlineData("import", "-")]
    public async Task ForAnUnknownUser_ExitsWith3AndSaysSo(params string[] command)
    {
        await using var database = await WithUsersAsync(DatabaseProvider.Sqlite, "ann@example.com");

        string[] args = ["calendar", command[0], "--user", "nobody@example.com", .. command[1..]];

        var result = await CliRun.InProcessAsync(args.On(database), stdin: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("error: there is no user with the e-mail address 'nobody@example.com'.");
        result.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_OfAnUnknownCalendar_ExitsWith3AndListsTheUsersCalendars()
    {
        await using var database = await WithUsersAsync(DatabaseProvider.Sqlite, "ann@example.com");

        var result = await CliRun.InProcessAsync(new[] { "calendar", "export", "--user", "ann@example.com", "--calendar", "Work" }.On(database));

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("ann@example.com has no calendar 'Work'. Their calendars: 'Personal' (");
    }

    [Fact]
    public async Task Import_OfAMissingFile_ExitsWithTheUsageCodeBeforeTouchingTheDatabase()
    {
        var result = await CliRun.InProcessAsync(
            ["calendar", "import", "--user", "bo@example.com", "/nonexistent/folder/x.ics", "--connection-string", "Data Source=/nonexistent/folder/x.db"]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("cannot read '/nonexistent/folder/x.ics'");
    }

    [Theory]
    [InlineData("calendar export --calendar Personal")]
    [InlineData("calendar export --user ann@example.com")]
    [InlineData("calendar import --user ann@example.com")]
    public async Task BadCommandLine_ExitsWithTheUsageCode(string commandLine)
    {
        var result = await CliRun.InProcessAsync(commandLine.Split(' '));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Help_ListsTheCalendarCommandsAndTheirOptions()
    {
        var root = await CliRun.InProcessAsync(["--help"]);
        var calendar = await CliRun.InProcessAsync(["calendar", "--help"]);
        var export = await CliRun.InProcessAsync(["calendar", "export", "--help"]);
        var import = await CliRun.InProcessAsync(["calendar", "import", "--help"]);

        root.Out.ShouldContain("calendar");
        calendar.ExitCode.ShouldBe(0, calendar.ToString());
        calendar.Out.ShouldContain("export");
        calendar.Out.ShouldContain("import");
        export.ExitCode.ShouldBe(0, export.ToString());
        foreach (var option in new[] { "--user", "--calendar", "--output", "Exit codes:" })
        {
            export.Out.ShouldContain(option);
        }

        import.ExitCode.ShouldBe(0, import.ToString());
        foreach (var option in new[] { "--user", "--calendar", "<file>", "Exit codes:" })
        {
            import.Out.ShouldContain(option);
        }
    }

    private static async Task<TestDatabase> WithUsersAsync(DatabaseProvider provider, params string[] emails)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var migrated = await CliRun.InProcessAsync(new[] { "migrate" }.On(database));
        migrated.ExitCode.ShouldBe(0, migrated.ToString());
        foreach (var email in emails)
        {
            var created = await CliRun.InProcessAsync(
                new[] { "user", "create", "--email", email, "--display-name", email.Split('@')[0], "--time-zone", "Europe/Berlin", "--password-stdin" }.On(database),
                stdin: CliRun.Password);
            created.ExitCode.ShouldBe(0, created.ToString());
        }

        return database;
    }

    /// <summary>Two single events and a daily series in the user's default calendar, through the mediator as that user.</summary>
    private static async Task AddEventsAsync(TestDatabase database, string email) =>
        await AsUserAsync(database, email, async (mediator, ct) =>
        {
            var start = Instant.FromUtc(2026, 12, 1, 9, 0);
            await mediator.Send(new CreateEventCommand("Standup", new EventTimeInput(start, start.Plus(Duration.FromMinutes(15))), Recurrence: "FREQ=DAILY;COUNT=5"), ct);
            await mediator.Send(new CreateEventCommand("Review", new EventTimeInput(start.Plus(Duration.FromHours(3)), start.Plus(Duration.FromHours(4))), Location: "Room 1"), ct);
            await mediator.Send(new CreateEventCommand("Holiday", new EventTimeInput(IsAllDay: true, StartDate: new LocalDate(2026, 12, 24), EndDate: new LocalDate(2026, 12, 26))), ct);
            return 0;
        });

    private static Task<CalendarId> CalendarIdAsync(TestDatabase database, string email) =>
        AsUserAsync(database, email, async (mediator, ct) => (await mediator.Send(new ListCalendarsQuery(), ct)).Single(c => c.IsDefault).Id);

    private static Task<int> EventsInAsync(TestDatabase database, CalendarId calendar) =>
        CliRun.InspectAsync(database, (db, _) => db.Events.CountAsync(e => e.CalendarId == calendar && e.SeriesId == null));

    /// <summary>Sends messages through the CLI's own composition, acting as <paramref name="email"/> as the calendar commands do.</summary>
    private static async Task<T> AsUserAsync<T>(TestDatabase database, string email, Func<IMediator, CancellationToken, Task<T>> action)
    {
        using var error = new StringWriter();
        var host = new CliHost(new CliConsole(TextReader.Null, TextWriter.Null, error, isInputRedirected: true));
        var root = new RootCommand();
        host.AddGlobalOptions(root);
        var result = default(T)!;
        var exitCode = await host.RunAsync(
            root.Parse(Array.Empty<string>().On(database)),
            async (services, ct) =>
            {
                var mediator = services.GetRequiredService<IMediator>();
                var user = await mediator.Send(new FindUserByEmailQuery(email), ct);
                user.ShouldNotBeNull();
                services.GetRequiredService<CliCurrentUser>().ActAs(user);
                result = await action(mediator, ct);
                return ExitCodes.Ok;
            },
            CancellationToken.None);
        exitCode.ShouldBe(0, error.ToString());
        return result;
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;
}
