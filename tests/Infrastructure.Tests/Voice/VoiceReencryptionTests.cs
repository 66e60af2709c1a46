using System.Security.Cryptography;
using System.Text;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Voice;
using CleanAssistant.Domain.Voice;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Security;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Infrastructure.Voice;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>
/// Key rotation of the voice data: records stored under key "a", then a restart with "b" active and "a" still
/// configured, and the re-encryption job run in small batches (so it pages through them).
/// </summary>
public sealed class VoiceReencryptionTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] UnknownKey = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AfterRotation_TheJobReencryptsUnderTheNewKey_LeavesWhatItCannotRead_AndThenHasNothingLeftToDo(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var written = new List<Written>();
        Written unreadable;
        await using (var before = await UseCaseHost.StartAsync(database, EncryptionKeys.Settings("a", ("a", KeyA)), ownsDatabase: false))
        {
            var ann = await before.RegisterAsync();
            var encryption = before.Services.GetRequiredService<IDataEncryption>();
            for (var i = 0; i < 5; i++)
            {
                written.Add(await StoreAsync(before, ann, encryption, $"call Bob about invoice {i}", withAudio: i % 2 == 0, withReply: i != 3));
            }

            unreadable = await StoreAsync(before, ann, EncryptionKeys.With("x", ("x", UnknownKey)), "call Bob about invoice x", withAudio: true, withReply: true);
        }

        await using var after = await UseCaseHost.StartAsync(database, EncryptionKeys.Settings("b", ("a", KeyA), ("b", KeyB)), ownsDatabase: false);
        var storedBefore = await StoredAsync(after);
        var log = new CapturingLogger();

        var first = await ReencryptAsync(after, log);

        first.ShouldBe(new ReencryptionResult(Examined: 6, Reencrypted: 5, Failed: 1));
        var stored = await StoredAsync(after);
        var rotated = after.Services.GetRequiredService<IDataEncryption>();
        var onlyB = EncryptionKeys.With("b", ("b", KeyB));
        foreach (var record in written)
        {
            var (transcript, audio, replyAudio) = stored[record.Id].Bytes();
            stored[record.Id].Transcript.ShouldNotBe(storedBefore[record.Id].Transcript);
            rotated.IsUnderActiveKey(transcript).ShouldBeTrue();
            onlyB.DecryptText(transcript, VoiceCipher.Transcript(record.Id)).ShouldBe(record.Transcript);
            (audio is null).ShouldBe(record.Audio is null);
            if (audio is not null)
            {
                stored[record.Id].Audio.ShouldNotBe(storedBefore[record.Id].Audio);
                rotated.IsUnderActiveKey(audio).ShouldBeTrue();
                onlyB.Decrypt(audio, VoiceCipher.Audio(record.Id)).ShouldBe(record.Audio);
            }

            (replyAudio is null).ShouldBe(record.ReplyAudio is null);
            if (replyAudio is not null)
            {
                stored[record.Id].ReplyAudio.ShouldNotBe(storedBefore[record.Id].ReplyAudio);
                rotated.IsUnderActiveKey(replyAudio).ShouldBeTrue();
                onlyB.Decrypt(replyAudio, VoiceCipher.ReplyAudio(record.Id)).ShouldBe(record.ReplyAudio);
            }
        }

        // The record under a key no longer configured is left exactly as it was, and named by id only.
        stored[unreadable.Id].ShouldBe(storedBefore[unreadable.Id]);
        log.Lines.ShouldContain(l => l.Contains(unreadable.Id.ToString(), StringComparison.Ordinal) && l.StartsWith("Warning", StringComparison.Ordinal));
        log.Lines.ShouldContain(l => l.Contains("examined 6 record(s): 5 re-encrypted under the active key, 1 could not be decrypted", StringComparison.Ordinal));
        log.Lines.ShouldAllBe(l => !l.Contains("invoice", StringComparison.OrdinalIgnoreCase));

        var second = await ReencryptAsync(after, new CapturingLogger());

        second.ShouldBe(new ReencryptionResult(Examined: 6, Reencrypted: 0, Failed: 1));
        (await StoredAsync(after)).ShouldBe(stored);
    }

    [Fact]
    public async Task DataAboutToExpire_IsLeftToTheRetentionJob()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Written expiring;
        Written replyExpiring;
        await using (var before = await UseCaseHost.StartAsync(database, EncryptionKeys.Settings("a", ("a", KeyA)), ownsDatabase: false))
        {
            var ann = await before.RegisterAsync();
            var encryption = before.Services.GetRequiredService<IDataEncryption>();
            expiring = await StoreAsync(before, ann, encryption, "call Bob", withAudio: false, withReply: false, recordFor: Duration.FromMinutes(2));
            replyExpiring = await StoreAsync(before, ann, encryption, "call Eve", withAudio: false, withReply: true, replyFor: Duration.FromMinutes(2));
        }

        await using var after = await UseCaseHost.StartAsync(database, EncryptionKeys.Settings("b", ("a", KeyA), ("b", KeyB)), ownsDatabase: false);
        var storedBefore = await StoredAsync(after);

        (await ReencryptAsync(after, new CapturingLogger())).ShouldBe(new ReencryptionResult(Examined: 1, Reencrypted: 1, Failed: 0));

        var stored = await StoredAsync(after);
        stored[expiring.Id].ShouldBe(storedBefore[expiring.Id]);
        stored[replyExpiring.Id].Transcript.ShouldNotBe(storedBefore[replyExpiring.Id].Transcript);
        stored[replyExpiring.Id].ReplyAudio.ShouldBe(storedBefore[replyExpiring.Id].ReplyAudio);
    }

    private sealed record Written(VoiceRecordId Id, string Transcript, byte[]? Audio, byte[]? ReplyAudio);

    /// <summary>A record's encrypted columns as the database holds them, in hex so that records compare by content.</summary>
    private sealed record Stored(string Transcript, string? Audio, string? ReplyAudio)
    {
        public (byte[] Transcript, byte[]? Audio, byte[]? ReplyAudio) Bytes() =>
            (Convert.FromHexString(Transcript), Audio is null ? null : Convert.FromHexString(Audio), ReplyAudio is null ? null : Convert.FromHexString(ReplyAudio));
    }

    /// <summary>A voice record as the voice command stores it, its fields encrypted by <paramref name="encryption"/>.</summary>
    private static async Task<Written> StoreAsync(
        UseCaseHost host, UserDto owner, IDataEncryption encryption, string transcript, bool withAudio, bool withReply, Duration? recordFor = null, Duration? replyFor = null)
    {
        var id = VoiceRecordId.New();
        var now = host.Clock.GetCurrentInstant();
        var audio = withAudio ? RandomNumberGenerator.GetBytes(300) : null;
        var replyAudio = withReply ? Encoding.ASCII.GetBytes($"RIFF reply to {id}") : null;
        var record = VoiceRecord.Create(id, owner.Id, null, "pocketsphinx", 2.5, encryption.EncryptText(transcript, VoiceCipher.Transcript(id)), now, now + (recordFor ?? Duration.FromDays(30)));
        if (audio is not null)
        {
            record.KeepAudio(encryption.Encrypt(audio, VoiceCipher.Audio(id)), "audio/wav", now + Duration.FromDays(1));
        }

        if (replyAudio is not null)
        {
            record.KeepReplyAudio(encryption.Encrypt(replyAudio, VoiceCipher.ReplyAudio(id)), "audio/wav", now + (replyFor ?? Duration.FromHours(24)));
        }

        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.VoiceRecords.Add(record);
        await db.SaveChangesAsync();
        return new Written(id, transcript, audio, replyAudio);
    }

    /// <summary>Batches of two, so that six records take several.</summary>
    private static async Task<ReencryptionResult> ReencryptAsync(UseCaseHost host, CapturingLogger log)
    {
        await using var scope = host.CreateScope();
        var job = ActivatorUtilities.CreateInstance<VoiceReencryption>(scope.ServiceProvider, (ILogger<VoiceReencryption>)log);
        return await job.RunAsync(batchSize: 2, CancellationToken.None);
    }

    /// <summary>The encrypted columns as the database holds them, by record.</summary>
    private static async Task<Dictionary<VoiceRecordId, Stored>> StoredAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().VoiceRecords.AsNoTracking()
            .OrderBy(v => v.Id)
            .Select(v => new { v.Id, v.Transcript, v.Audio, v.ReplyAudio })
            .ToListAsync();
        return rows.ToDictionary(
            v => v.Id,
            v => new Stored(Convert.ToHexString(v.Transcript), v.Audio is null ? null : Convert.ToHexString(v.Audio), v.ReplyAudio is null ? null : Convert.ToHexString(v.ReplyAudio)));
    }

    private sealed class CapturingLogger : ILogger<VoiceReencryption>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)} {exception?.Message}");
    }
}
