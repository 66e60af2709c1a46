using System.CommandLine;
using CleanAssistant.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Cli.Commands;

/// <summary><c>cleanassistant reencrypt</c>: the re-encryption job, run once, to finish a key rotation now.</summary>
public static class ReencryptCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command(
            "reencrypt",
            "Re-encrypts the data encrypted at rest (voice transcripts, recordings and spoken replies; reminder webhook "
            + "secrets) still under an older key under the active one (Encryption:ActiveKeyId); the old key must still be "
            + "configured. What the daily reencryption job does, run once. Records that do not decrypt are left as they are "
            + "and named by id in the log.");
        command.SetAction((parseResult, cancellationToken) =>
            host.RunAsync(parseResult, (services, ct) => ReencryptAsync(services, host.Console, ct), cancellationToken));
        return command;
    }

    private static async Task<int> ReencryptAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<Reencryption>().RunAsync(cancellationToken);
        Print(console, "voice record(s)", report.VoiceRecords);
        Print(console, "webhook secret(s)", report.WebhookSecrets);
        return ExitCodes.Ok;
    }

    private static void Print(CliConsole console, string what, ReencryptionResult result)
    {
        console.Out.WriteLine($"Examined: {result.Examined} {what}");
        console.Out.WriteLine($"Re-encrypted: {result.Reencrypted}");
        console.Out.WriteLine(result.Failed == 0
            ? "Failed: 0"
            : $"Failed: {result.Failed} (their key is not configured, or the data was altered; their ids are in the log on stderr)");
    }
}
