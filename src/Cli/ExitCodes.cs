using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace CleanAssistant.Cli;

/// <summary>What <c>cleanassistant</c> returns to the shell; scripts branch on these, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed that the input did not cause: the database is unreachable, a bug.</summary>
    public const int Unexpected = 1;

    /// <summary>The command line or the configuration is wrong: unknown or missing options, no password source.</summary>
    public const int Usage = 2;

    /// <summary>The input was understood and refused: validation errors, an e-mail address already taken, an unknown user or calendar.</summary>
    public const int Rejected = 3;

    /// <summary>The list as <c>--help</c> prints it.</summary>
    public const string Help = """
        Exit codes:
          0  success
          1  unexpected failure (e.g. the database cannot be reached)
          2  usage error: bad or missing options, bad configuration, no password given
          3  input rejected: validation errors, e-mail address already taken, unknown user or calendar
        """;
}

/// <summary>The standard help, followed by the exit codes, on every command.</summary>
internal sealed class ExitCodesHelpAction(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public static void AddTo(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new ExitCodesHelpAction(help);
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.Help);
        return exitCode;
    }
}
