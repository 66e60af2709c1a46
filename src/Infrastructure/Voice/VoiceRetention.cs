using CleanAssistant.Application.Common;
using CleanAssistant.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Infrastructure.Voice;

/// <summary>Erases voice data whose retention has ended: whole records, and recordings and spoken replies kept for less.</summary>
public sealed partial class VoiceRetention(ApplicationDbContext db, TimeProvider timeProvider, ILogger<VoiceRetention> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetCurrentInstant();
        var records = await db.VoiceRecords.Where(v => v.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var recordings = await db.VoiceRecords.Where(v => v.AudioExpiresAt <= now).ExecuteUpdateAsync(
            s => s.SetProperty(v => v.Audio, (byte[]?)null).SetProperty(v => v.AudioContentType, (string?)null).SetProperty(v => v.AudioExpiresAt, (NodaTime.Instant?)null),
            cancellationToken);
        var replies = await db.VoiceRecords.Where(v => v.ReplyAudioExpiresAt <= now).ExecuteUpdateAsync(
            s => s.SetProperty(v => v.ReplyAudio, (byte[]?)null).SetProperty(v => v.ReplyAudioContentType, (string?)null).SetProperty(v => v.ReplyAudioExpiresAt, (NodaTime.Instant?)null),
            cancellationToken);
        if (records + recordings + replies > 0)
        {
            LogErased(logger, records, recordings, replies);
        }

        return records + recordings + replies;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice retention erased {Records} record(s), {Recordings} recording(s) and {Replies} spoken repl(ies)")]
    private static partial void LogErased(ILogger logger, int records, int recordings, int replies);
}
