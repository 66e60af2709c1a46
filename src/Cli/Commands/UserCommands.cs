using System.CommandLine;
using CleanAssistant.Application.Privacy.ExportMyData;
using CleanAssistant.Application.Users.FindUserByEmail;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Domain.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Cli.Commands;

/// <summary><c>cleanassistant user ...</c>: accounts, through the same use cases as the API.</summary>
public static class UserCommands
{
    /// <summary>Validation failures name the option to fix; the password has none on purpose.</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["email"] = "--email",
        ["displayName"] = "--display-name",
        ["timeZone"] = "--time-zone",
        ["password"] = "password",
    };

    public static Command Create(CliHost host) =>
        new("user", "Manages accounts.")
        {
            CreateUser(host),
            Export(host),
        };

    private static Command CreateUser(CliHost host)
    {
        var email = new Option<string>("--email") { Description = "E-mail address; it is the user name.", Required = true };
        var displayName = new Option<string>("--display-name") { Description = "Name shown to people.", Required = true };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone id, e.g. Europe/Berlin. Default: UTC." };
        var admin = new Option<bool>("--admin") { Description = "Make the account an administrator." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input (a pipe or a file; one trailing newline is dropped). "
                + "Without it the password is asked for at the terminal. It is never an argument: arguments show in `ps`.",
        };

        var command = new Command(
            "create",
            "Creates an account with a default calendar, with the same validation and password hashing as registration "
            + "through the API. Prints the new user's id.")
        {
            email, displayName, timeZone, admin, passwordStdin,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var console = host.Console;
            string? password;
            if (parseResult.GetValue(passwordStdin))
            {
                password = DropTrailingNewline(console.In.ReadToEnd());
            }
            else if (console.IsInputRedirected)
            {
                return Task.FromResult(host.Fail(
                    ExitCodes.Usage,
                    "no password: pipe it in with --password-stdin, or run in a terminal to be asked for it."));
            }
            else
            {
                password = console.ReadSecret("Password: ");
                if (password is not null && console.ReadSecret("Repeat the password: ") != password)
                {
                    return Task.FromResult(host.Fail(ExitCodes.Rejected, "the two passwords differ."));
                }
            }

            var register = new RegisterUserCommand(
                parseResult.GetRequiredValue(email),
                password ?? string.Empty,
                parseResult.GetRequiredValue(displayName),
                parseResult.GetValue(timeZone),
                parseResult.GetValue(admin));
            return host.RunAsync(parseResult, (services, ct) => RegisterAsync(services, console, register, ct), cancellationToken, FieldLabels);
        });
        return command;
    }

    private static Command Export(CliHost host)
    {
        var email = new Option<string>("--email") { Description = "E-mail address of the user whose data it is.", Required = true };
        var output = new Option<string>("--out") { Description = "The zip file to write (replaced if it exists).", Required = true };
        var command = new Command(
            "export",
            "Writes everything the service holds about one user as a zip archive, the same as GET /me/export.zip: JSON of "
            + "the profile, calendars, events, reminders, conversations and voice records (transcripts decrypted), kept audio, "
            + "and one .ics file per calendar. Recorded in the audit log.")
        {
            email, output,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var address = parseResult.GetRequiredValue(email);
            var path = parseResult.GetRequiredValue(output);
            return host.RunAsync(parseResult, (services, ct) => ExportAsync(services, host, address, path, ct), cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, CliHost host, string email, string path, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var user = await mediator.Send(new FindUserByEmailQuery(email), cancellationToken);
        if (user is null)
        {
            return host.Fail(ExitCodes.Rejected, $"there is no user with the e-mail address '{email}'.");
        }

        services.GetRequiredService<CliCurrentUser>().ActAs(user);
        var archive = await mediator.Send(new ExportMyDataQuery(), cancellationToken);
        try
        {
            await File.WriteAllBytesAsync(path, archive.Bytes, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return host.Fail(ExitCodes.Usage, $"cannot write '{path}': {exception.Message}");
        }

        host.Console.Out.WriteLine($"Exported the data of {user.Email} to {Path.GetFullPath(path)} ({archive.Bytes.Length} bytes).");
        return ExitCodes.Ok;
    }

    private static async Task<int> RegisterAsync(IServiceProvider services, CliConsole console, RegisterUserCommand command, CancellationToken cancellationToken)
    {
        var user = await services.GetRequiredService<IMediator>().Send(command, cancellationToken);
        console.Out.WriteLine($"Created {(user.Role == UserRole.Admin ? "administrator" : "user")} {user.Email} with a default calendar.");
        console.Out.WriteLine($"  id:        {user.Id}");
        console.Out.WriteLine($"  name:      {user.DisplayName}");
        console.Out.WriteLine($"  time zone: {user.TimeZone}");
        return ExitCodes.Ok;
    }

    private static string DropTrailingNewline(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
        : text.EndsWith('\n') ? text[..^1]
        : text;
}
