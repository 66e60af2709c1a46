using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Application.Voice;

/// <summary>What was heard in an upload: the words, the engine, the audio format found in the content (wav, mp3, …), the length of the whole recording and the engine's confidence.</summary>
public sealed record HeardSpeech(string Text, string Engine, string Format, double AudioSeconds, double? Confidence)
{
    public bool IsSilent => Text.Length == 0;
}

/// <summary>
/// From an upload to words: decodes it (any supported format, within the limits), keeps only the speech (voice
/// activity), and has the speech engines transcribe it with the user's own names as hints.
/// </summary>
public sealed class SpeechInput(IAudioDecoder decoder, IVoiceActivityDetector voiceActivity, ISpeechToText speech, VoiceSettings settings)
{
    /// <summary>Speech is cut this much wider than found, not to clip soft first and last sounds.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The content type of audio that is already what the engines take — 16-bit little-endian PCM, mono, 16 kHz,
    /// without a header — as a live stream sends it. Anything else is decoded from its content.
    /// </summary>
    public const string RawPcmContentType = "audio/x-pcm-s16le;rate=16000";

    public async Task<HeardSpeech> HearAsync(ReadOnlyMemory<byte> upload, string? contentType, RecognitionHints hints, string? engine, CancellationToken cancellationToken)
    {
        if (engine is not null && !speech.Engines.Contains(engine, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationException([new ValidationFailure("engine", $"Unknown speech engine '{engine}'; configured: {string.Join(", ", speech.Engines)}.")]);
        }

        var decoded = string.Equals(contentType, RawPcmContentType, StringComparison.OrdinalIgnoreCase)
            ? new DecodedAudio("pcm", RawPcm(upload))
            : await DecodeAsync(upload, cancellationToken);
        var seconds = decoded.Audio.Duration.TotalSeconds;
        var segments = voiceActivity.FindSpeech(decoded.Audio);
        if (segments.Count == 0)
        {
            return new HeardSpeech(string.Empty, string.Empty, decoded.Format, seconds, null);
        }

        var spoken = decoded.Audio.Slice(segments[0].Start - Margin, segments[^1].End + Margin);
        var transcript = await speech.TranscribeAsync(spoken, hints, engine, cancellationToken);
        return new HeardSpeech(transcript.Text.Trim(), transcript.Engine, decoded.Format, seconds, transcript.Confidence);
    }

    private async Task<DecodedAudio> DecodeAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(upload.ToArray(), writable: false);
        return await decoder.DecodeAsync(stream, settings.Limits, cancellationToken);
    }

    private PcmAudio RawPcm(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > settings.Limits.MaxBytes)
        {
            throw new AudioException("AUDIO_TOO_LARGE", $"The audio is larger than {settings.Limits.MaxBytes} bytes.");
        }

        if (bytes.Length < 2)
        {
            throw new AudioException("AUDIO_EMPTY", "There is no audio.");
        }

        var samples = new short[bytes.Length / 2];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes.Span[..(samples.Length * 2)]).CopyTo(samples);
        var audio = new PcmAudio(samples);
        return audio.Duration.TotalSeconds > settings.Limits.MaxSeconds
            ? throw new AudioException("AUDIO_TOO_LONG", $"The audio is longer than {settings.Limits.MaxSeconds} seconds.")
            : audio;
    }
}

/// <summary>The user's own words for the speech engines.</summary>
public static class UserHints
{
    /// <summary>The words of the user's own calendar the engines may not know: titles and places of recent and coming events.</summary>
    public static async Task<RecognitionHints> ForAsync(IApplicationDbContext db, UserId owner, VoiceSettings settings, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetCurrentInstant();
        var from = now - Duration.FromDays(30);
        var to = now + Duration.FromDays(90);
        var events = await db.Events.Where(e => e.OwnerId == owner && e.Start < to && (e.SeriesEnd == null || e.SeriesEnd > from))
            .OrderByDescending(e => e.UpdatedAt).Take(settings.MaxHints)
            .Select(e => new { e.Title, e.Location }).ToListAsync(cancellationToken);
        var phrases = events.SelectMany(e => new[] { e.Title, e.Location }).OfType<string>()
            .Select(p => p.Trim()).Where(p => p.Length is > 0 and <= 100).Distinct(StringComparer.OrdinalIgnoreCase).Take(settings.MaxHints).ToList();
        return new RecognitionHints(phrases);
    }
}
