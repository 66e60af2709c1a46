using System.Text;

namespace CleanAssistant.Cli;

/// <summary>
/// The standard streams a command uses. Commands never touch <see cref="System.Console"/> directly,
/// so tests can run them in-process with their own input and capture what they print.
/// </summary>
public sealed class CliConsole(
    TextReader input, TextWriter output, TextWriter error, bool isInputRedirected, Func<string, string?>? readSecret = null, bool isErrorRedirected = true)
{
    public TextReader In { get; } = input;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>False when a person types at a terminal; only then may we prompt.</summary>
    public bool IsInputRedirected { get; } = isInputRedirected;

    /// <summary>False when stderr is a terminal; only then do batch commands draw progress.</summary>
    public bool IsErrorRedirected { get; } = isErrorRedirected;

    public static CliConsole FromSystemConsole() =>
        new(Console.In, Console.Out, Console.Error, Console.IsInputRedirected, ReadFromTerminalWithoutEcho, Console.IsErrorRedirected);

    /// <summary>Prompts on the error stream and reads a line without echoing it; null at end of input.</summary>
    public string? ReadSecret(string prompt) =>
        readSecret is null ? throw new InvalidOperationException("This console cannot prompt.") : readSecret(prompt);

    private static string? ReadFromTerminalWithoutEcho(string prompt)
    {
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Error.WriteLine();
                    return secret.ToString();
                case ConsoleKey.Backspace:
                    if (secret.Length > 0)
                    {
                        secret.Length--;
                    }

                    break;
                default:
                    if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control))
                    {
                        Console.Error.WriteLine();
                        return null;
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        secret.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
