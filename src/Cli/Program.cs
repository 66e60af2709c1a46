using System.CommandLine;
using System.CommandLine.Invocation;
using CleanAssistant.Cli.Commands;

namespace CleanAssistant.Cli;

/// <summary><c>cleanassistant</c>: the operator's command line, on the server's Application and Infrastructure.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliConsole.FromSystemConsole());

    /// <summary>Parses and runs one command line. Tests call it in-process with their own console and settings.</summary>
    public static async Task<int> RunAsync(
        string[] args, CliConsole console, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var host = new CliHost(console, settings);
        var root = new RootCommand(
            "CleanAssistant's command line. It reads the server's configuration: appsettings.json beside this program, "
            + "then CLEANASSISTANT__SECTION__KEY environment variables, then the options below.")
        {
            MigrateCommand.Create(host),
            UserCommands.Create(host),
            CalendarCommands.Create(host),
            InterpretCommand.Create(host),
            VoiceCommands.CreateTranscribe(host),
            VoiceCommands.CreateVoice(host),
            ReencryptCommand.Create(host),
            ClientCommands.Create(host),
        };
        host.AddGlobalOptions(root);
        ExitCodesHelpAction.AddTo(root);

        var parseResult = root.Parse(args);
        var exitCode = await parseResult.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);

        // System.CommandLine reports a usage error with 1, which for us means an unexpected failure.
        return parseResult.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
