using System.CommandLine;
using System.Text;
using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Calendars.ExportCalendar;
using CleanAssistant.Application.Calendars.ImportCalendar;
using CleanAssistant.Application.Calendars.ListCalendars;
using CleanAssistant.Application.Users.FindUserByEmail;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Cli.Commands;

/// <summary><c>cleanassistant calendar ...</c>: one user's calendars as iCalendar files, through the same use cases as the API.</summary>
public static class CalendarCommands
{
    /// <summary>Standard input or output instead of a file.</summary>
    private const string StandardStream = "-";

    /// <summary>Validation failures name the argument to fix.</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["file"] = "file",
    };

    public static Command Create(CliHost host) =>
        new("calendar", "Exports and imports a user's calendars as iCalendar (.ics) files.")
        {
            Export(host),
            Import(host),
        };

    private static Option<string> UserOption() =>
        new("--user") { Description = "E-mail address of the user whose calendar it is; the command acts as that user.", Required = true };

    private static Command Export(CliHost host)
    {
        var user = UserOption();
        var calendar = new Option<string>("--calendar")
        {
            Description = "The calendar: its name (any case), its id, or its GraphQL id.",
            Required = true,
        };
        var output = new Option<string?>("--output")
        {
            Description = "File to write (replaced if it exists). Default: standard output.",
        };

        var command = new Command(
            "export",
            "Writes one of the user's calendars as an iCalendar file: series with their exceptions and changed occurrences, "
            + "no deleted events. Importing the file again recognises its events.")
        {
            user, calendar, output,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var email = parseResult.GetRequiredValue(user);
            var name = parseResult.GetRequiredValue(calendar);
            var path = parseResult.GetValue(output) is { Length: > 0 } given && given != StandardStream ? given : null;
            return host.RunAsync(parseResult, (services, ct) => ExportAsync(services, host, email, name, path, ct), cancellationToken);
        });
        return command;
    }

    private static Command Import(CliHost host)
    {
        var user = UserOption();
        var calendar = new Option<string?>("--calendar")
        {
            Description = "The calendar to add the events to: its name (any case), its id, or its GraphQL id. "
                + "Default: a new calendar named after the file's X-WR-CALNAME (\"Imported\" without one).",
        };
        var file = new Argument<string>("file") { Description = "The .ics file to read, or - for standard input." };

        var command = new Command(
            "import",
            "Adds the events of an iCalendar file to one of the user's calendars, all or nothing. Events already imported "
            + "(same UID) are skipped, so importing a file twice adds nothing the second time. Prints how many events were "
            + "imported and skipped, and why each left-out event could not be read, by line.")
        {
            user, calendar, file,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(file);
            byte[] content;
            string fileName;
            try
            {
                (content, fileName) = path == StandardStream
                    ? (Encoding.UTF8.GetBytes(host.Console.In.ReadToEnd()), "stdin.ics")
                    : (File.ReadAllBytes(path), Path.GetFileName(path));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(host.Fail(ExitCodes.Usage, $"cannot read '{path}': {exception.Message}"));
            }

            var email = parseResult.GetRequiredValue(user);
            var name = parseResult.GetValue(calendar);
            return host.RunAsync(
                parseResult, (services, ct) => ImportAsync(services, host, email, name, fileName, content, ct), cancellationToken, FieldLabels);
        });
        return command;
    }

    private static async Task<int> ExportAsync(
        IServiceProvider services, CliHost host, string email, string calendarName, string? path, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        if (!await ActAsAsync(services, mediator, email, cancellationToken))
        {
            return host.Fail(ExitCodes.Rejected, $"there is no user with the e-mail address '{email}'.");
        }

        var (calendar, error) = await FindCalendarAsync(mediator, email, calendarName, cancellationToken);
        if (calendar is null)
        {
            return host.Fail(ExitCodes.Rejected, error!);
        }

        var file = await mediator.Send(new ExportCalendarQuery(calendar.Id), cancellationToken);
        if (path is null)
        {
            await host.Console.Out.WriteAsync(file.Text);
            await host.Console.Out.FlushAsync(cancellationToken);
            return ExitCodes.Ok;
        }

        await File.WriteAllTextAsync(path, file.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        host.Console.Out.WriteLine($"Exported calendar '{calendar.Name}' of {email} to {Path.GetFullPath(path)}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> ImportAsync(
        IServiceProvider services,
        CliHost host,
        string email,
        string? calendarName,
        string fileName,
        byte[] content,
        CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        if (!await ActAsAsync(services, mediator, email, cancellationToken))
        {
            return host.Fail(ExitCodes.Rejected, $"there is no user with the e-mail address '{email}'.");
        }

        CalendarDto? target = null;
        if (calendarName is not null)
        {
            (target, var error) = await FindCalendarAsync(mediator, email, calendarName, cancellationToken);
            if (target is null)
            {
                return host.Fail(ExitCodes.Rejected, error!);
            }
        }

        var result = await mediator.Send(new ImportCalendarCommand(target?.Id, fileName, content), cancellationToken);
        var console = host.Console;
        console.Out.WriteLine($"Imported {result.Imported} event(s) into calendar '{result.Calendar.Name}' of {email}"
            + $"{(target is null ? " (new)" : string.Empty)}; skipped {result.Skipped}.");
        console.Out.WriteLine($"  calendar id: {result.Calendar.Id.Value}");
        if (result.Problems.Count > 0)
        {
            console.Out.WriteLine($"Problems ({result.Problems.Count}):");
            foreach (var problem in result.Problems)
            {
                var where = problem.Line is { } line ? $"line {line}" : "line ?";
                var uid = problem.Uid is null ? string.Empty : $" (UID {problem.Uid})";
                console.Out.WriteLine($"  {where}: {problem.Message}{uid}");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Looks the user up and makes this scope act as them; false when there is no such user.</summary>
    private static async Task<bool> ActAsAsync(IServiceProvider services, IMediator mediator, string email, CancellationToken cancellationToken)
    {
        var user = await mediator.Send(new FindUserByEmailQuery(email), cancellationToken);
        if (user is null)
        {
            return false;
        }

        services.GetRequiredService<CliCurrentUser>().ActAs(user);
        return true;
    }

    /// <summary>One of the current user's calendars by id (plain or GraphQL) or by name, ignoring case; else why not.</summary>
    private static async Task<(CalendarDto? Calendar, string? Error)> FindCalendarAsync(
        IMediator mediator, string email, string nameOrId, CancellationToken cancellationToken)
    {
        var calendars = await mediator.Send(new ListCalendarsQuery(), cancellationToken);
        if (ParseId(nameOrId) is { } id && calendars.FirstOrDefault(c => c.Id.Value == id) is { } byId)
        {
            return (byId, null);
        }

        var matches = calendars.Where(c => string.Equals(c.Name, nameOrId.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, $"{email} has no calendar '{nameOrId}'. Their calendars: {Describe(calendars)}."),
            _ => (null, $"{email} has {matches.Count} calendars named '{nameOrId}'; name one by its id: {Describe(matches)}."),
        };
    }

    /// <summary>A plain GUID, or a GraphQL id: base64 of "Calendar:guid".</summary>
    private static Guid? ParseId(string text)
    {
        if (Guid.TryParse(text, out var plain))
        {
            return plain;
        }

        var bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var length))
        {
            const string prefix = "Calendar:";
            var decoded = Encoding.UTF8.GetString(bytes, 0, length);
            if (decoded.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(decoded.AsSpan(prefix.Length), out var global))
            {
                return global;
            }
        }

        return null;
    }

    private static string Describe(IEnumerable<CalendarDto> calendars)
    {
        var list = string.Join(", ", calendars.Select(c => $"'{c.Name}' ({c.Id.Value})"));
        return list.Length == 0 ? "none" : list;
    }
}
