using System.Security.Cryptography;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Reminders.SetReminderWebhook;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Infrastructure.Reminders;

/// <summary>
/// Keeps reminder webhook secrets encrypted under the active key: a secret still in plain text (stored before secrets
/// were encrypted) is encrypted and its plain copy erased — at every start, right after the migrations — and one under
/// an older key is encrypted again under the active one (the re-encryption job). A secret that does not decrypt is
/// counted, logged by its owner's id and left as it is. One row per user: the rows are read in batches of owners.
/// </summary>
public sealed partial class WebhookSecretReencryption(ApplicationDbContext db, IDataEncryption encryption, ILogger<WebhookSecretReencryption> logger)
{
    /// <summary>The column that held the secret in plain text (now a shadow property, emptied by this class).</summary>
    public const string PlaintextColumn = "Secret";

    private const int BatchSize = 200;

    /// <summary>Encrypts the secrets still in plain text, and those under an older key again under the active one.</summary>
    public Task<ReencryptionResult> RunAsync(CancellationToken cancellationToken) => RunAsync(db.ReminderWebhooks, cancellationToken);

    /// <summary>Encrypts the secrets still in plain text only (at start, before reminders are sent).</summary>
    public Task<ReencryptionResult> EncryptPlaintextAsync(CancellationToken cancellationToken) =>
        RunAsync(InPlaintext(db), cancellationToken);

    /// <summary>Whether any secret is still in plain text.</summary>
    public static Task<bool> AnyPlaintextAsync(ApplicationDbContext db, CancellationToken cancellationToken) =>
        InPlaintext(db).AnyAsync(cancellationToken);

    private static IQueryable<ReminderWebhook> InPlaintext(ApplicationDbContext db) =>
        db.ReminderWebhooks.Where(w => EF.Property<string?>(w, PlaintextColumn) != null);

    private async Task<ReencryptionResult> RunAsync(IQueryable<ReminderWebhook> webhooksToExamine, CancellationToken cancellationToken)
    {
        var total = new ReencryptionResult(0, 0, 0);
        var owners = await webhooksToExamine.Select(w => w.Id).ToListAsync(cancellationToken);
        foreach (var batch in owners.Chunk(BatchSize))
        {
            db.ChangeTracker.Clear();
            var webhooks = await db.ReminderWebhooks.Where(w => batch.Contains(w.Id)).ToListAsync(cancellationToken);
            var reencrypted = 0;
            var failed = 0;
            foreach (var webhook in webhooks)
            {
                try
                {
                    reencrypted += Reencrypt(webhook) ? 1 : 0;
                }
                catch (DataEncryptionException exception)
                {
                    failed++;
                    LogUndecryptable(logger, webhook.Id, exception);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            total = new ReencryptionResult(total.Examined + webhooks.Count, total.Reencrypted + reencrypted, total.Failed + failed);
        }

        if (total.Reencrypted > 0 || total.Failed > 0)
        {
            LogSummary(logger, total.Failed > 0 ? LogLevel.Warning : LogLevel.Information, total.Examined, total.Reencrypted, total.Failed);
        }

        return total;
    }

    /// <summary>Encrypts a plain-text secret, or re-encrypts one under an older key; false when there was nothing to do.</summary>
    private bool Reencrypt(ReminderWebhook webhook)
    {
        var context = WebhookCipher.Secret(webhook.Id);
        var plain = db.Entry(webhook).Property<string?>(PlaintextColumn);
        if (plain.CurrentValue is { } legacy)
        {
            webhook.ReplaceSecretCiphertext(encryption.EncryptText(legacy, context));
            plain.CurrentValue = null;
            return true;
        }

        if (encryption.IsUnderActiveKey(webhook.SecretCiphertext))
        {
            return false;
        }

        var secret = encryption.Decrypt(webhook.SecretCiphertext, context);
        try
        {
            webhook.ReplaceSecretCiphertext(encryption.Encrypt(secret, context));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        return true;
    }

    [LoggerMessage(Message = "Webhook secret re-encryption examined {Examined} webhook(s): {Reencrypted} encrypted under the active key, {Failed} could not be decrypted")]
    private static partial void LogSummary(ILogger logger, LogLevel level, int examined, int reencrypted, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook secret of user {UserId} could not be decrypted for re-encryption and was left as it is")]
    private static partial void LogUndecryptable(ILogger logger, UserId userId, Exception exception);
}
