using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Security;

/// <summary>What one re-encryption pass did: the records it looked at, re-encrypted, and could not decrypt.</summary>
public sealed record ReencryptionResult(int Examined, int Reencrypted, int Failed);

/// <summary>What a whole re-encryption did, per kind of data.</summary>
public sealed record ReencryptionReport(ReencryptionResult VoiceRecords, ReencryptionResult WebhookSecrets);

/// <summary>
/// Finishes a key rotation for everything encrypted at rest: voice records, then reminder webhook secrets. Run daily
/// (job <see cref="JobId"/>, <c>Encryption:ReencryptionCron</c>) and by <c>cleanassistant reencrypt</c>.
/// </summary>
public sealed class Reencryption(Voice.VoiceReencryption voiceRecords, Reminders.WebhookSecretReencryption webhookSecrets)
{
    public const string JobId = "reencryption";

    public async Task<ReencryptionReport> RunAsync(CancellationToken cancellationToken) =>
        new(await voiceRecords.RunAsync(cancellationToken), await webhookSecrets.RunAsync(cancellationToken));
}

/// <summary>The daily Hangfire job that runs <see cref="Reencryption"/>. Public for Hangfire's activator.</summary>
public sealed class ReencryptionJob(IServiceScopeFactory scopes)
{
    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Reencryption>().RunAsync(cancellationToken);
    }
}
