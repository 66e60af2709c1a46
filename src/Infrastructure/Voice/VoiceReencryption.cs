using System.Security.Cryptography;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Voice;
using CleanAssistant.Domain.Voice;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CleanAssistant.Infrastructure.Voice;

/// <summary>
/// Finishes a key rotation: every encrypted field of a voice record that is not under the active key is decrypted
/// (with its key, which must still be configured) and encrypted again under the active one. Records go in batches by
/// id, each batch saved on its own, so a long run can stop anywhere and the next one carries on. A record that does not
/// decrypt is counted, logged by id and left as it is.
/// </summary>
public sealed partial class VoiceReencryption(ApplicationDbContext db, IDataEncryption encryption, TimeProvider timeProvider, ILogger<VoiceReencryption> logger)
{
    public const int DefaultBatchSize = 200;

    // Data about to expire is left to the retention job: re-encrypting it could write back what the job just erased.
    private static readonly Duration ExpiryMargin = Duration.FromMinutes(5);

    private const int SaveAttempts = 3;

    public Task<ReencryptionResult> RunAsync(CancellationToken cancellationToken) => RunAsync(DefaultBatchSize, cancellationToken);

    public async Task<ReencryptionResult> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var total = new ReencryptionResult(0, 0, 0);
        VoiceRecordId? after = null;
        while (true)
        {
            var (batch, last) = await RunBatchAsync(after, batchSize, cancellationToken);
            total = new ReencryptionResult(total.Examined + batch.Examined, total.Reencrypted + batch.Reencrypted, total.Failed + batch.Failed);
            if (batch.Examined < batchSize)
            {
                break;
            }

            after = last;
        }

        LogSummary(logger, total.Failed > 0 ? LogLevel.Warning : LogLevel.Information, total.Examined, total.Reencrypted, total.Failed);
        return total;
    }

    /// <summary>The next batch after <paramref name="after"/>, saved; read again when a record changed meanwhile (a user erased it).</summary>
    private async Task<(ReencryptionResult Batch, VoiceRecordId? Last)> RunBatchAsync(VoiceRecordId? after, int batchSize, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var soon = timeProvider.GetCurrentInstant() + ExpiryMargin;
            var query = db.VoiceRecords.Where(v => v.ExpiresAt > soon);
            if (after is { } last)
            {
                query = query.Where(v => v.Id > last);
            }

            var records = await query.OrderBy(v => v.Id).Take(batchSize).ToListAsync(cancellationToken);
            var reencrypted = 0;
            var failed = new List<(VoiceRecordId Id, DataEncryptionException Exception)>();
            foreach (var record in records)
            {
                try
                {
                    reencrypted += Reencrypt(record, soon) ? 1 : 0;
                }
                catch (DataEncryptionException exception)
                {
                    failed.Add((record.Id, exception));
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < SaveAttempts)
            {
                LogBatchRetried(logger, attempt);
                continue;
            }

            foreach (var (id, exception) in failed)
            {
                LogUndecryptable(logger, id, exception);
            }

            return (new ReencryptionResult(records.Count, reencrypted, failed.Count), records.Count > 0 ? records[^1].Id : after);
        }
    }

    /// <summary>Re-encrypts what is under an older key; false when all was under the active key. Changes nothing when a field does not decrypt.</summary>
    private bool Reencrypt(VoiceRecord record, Instant soon)
    {
        var transcript = Rotated(record.Transcript, VoiceCipher.Transcript(record.Id));
        var audio = record.Audio is { } a && record.AudioExpiresAt > soon ? Rotated(a, VoiceCipher.Audio(record.Id)) : null;
        var replyAudio = record.ReplyAudio is { } r && record.ReplyAudioExpiresAt > soon ? Rotated(r, VoiceCipher.ReplyAudio(record.Id)) : null;
        if (transcript is null && audio is null && replyAudio is null)
        {
            return false;
        }

        record.ReplaceCiphertexts(transcript ?? record.Transcript, audio ?? record.Audio, replyAudio ?? record.ReplyAudio);
        return true;
    }

    /// <summary>The value encrypted again under the active key, or null when it already is.</summary>
    private byte[]? Rotated(byte[] ciphertext, string context)
    {
        if (encryption.IsUnderActiveKey(ciphertext))
        {
            return null;
        }

        var plaintext = encryption.Decrypt(ciphertext, context);
        try
        {
            return encryption.Encrypt(plaintext, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    [LoggerMessage(Message = "Voice re-encryption examined {Examined} record(s): {Reencrypted} re-encrypted under the active key, {Failed} could not be decrypted")]
    private static partial void LogSummary(ILogger logger, LogLevel level, int examined, int reencrypted, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice record {VoiceRecordId} could not be decrypted for re-encryption and was left as it is")]
    private static partial void LogUndecryptable(ILogger logger, VoiceRecordId voiceRecordId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "A voice record changed while being re-encrypted (attempt {Attempt}); reading the batch again")]
    private static partial void LogBatchRetried(ILogger logger, int attempt);
}
