using CleanAssistant.Application.Voice;
using NodaTime;

namespace CleanAssistant.Infrastructure.Voice;

/// <summary>The <c>Voice</c> configuration section: how long what was said is kept (upload limits: <c>Voice:Audio</c>).</summary>
public sealed class VoiceOptions
{
    public const string SectionName = "Voice";

    /// <summary>Days transcripts (the voice history) are kept.</summary>
    public double TranscriptRetentionDays { get; set; } = 30;

    /// <summary>Days the recording itself is kept after transcription; 0: not kept at all.</summary>
    public double RawAudioRetentionDays { get; set; }

    /// <summary>Hours a spoken reply can be fetched from its URL.</summary>
    public double ReplyAudioRetentionHours { get; set; } = 24;

    /// <summary>
    /// Below this engine confidence (0–1) the assistant asks to repeat instead of acting; 0: never. The default suits the
    /// local engine's word confidence: below 0.3 about three words in four were wrong on the noisy dev audio.
    /// </summary>
    public double MinimumConfidence { get; set; } = 0.3;

    /// <summary>How often expired voice data is erased (a Hangfire cron expression).</summary>
    public string RetentionCron { get; set; } = "17 * * * *";

    public VoiceSettings ToSettings(AudioLimits limits) => new()
    {
        Limits = limits,
        TranscriptRetention = Duration.FromTimeSpan(TimeSpan.FromDays(TranscriptRetentionDays)),
        RawAudioRetention = Duration.FromTimeSpan(TimeSpan.FromDays(RawAudioRetentionDays)),
        ReplyAudioRetention = Duration.FromTimeSpan(TimeSpan.FromHours(ReplyAudioRetentionHours)),
        MinimumConfidence = MinimumConfidence,
    };

    /// <summary>What is wrong with the values, or null.</summary>
    public string? Problem() =>
        TranscriptRetentionDays <= 0 ? "Voice:TranscriptRetentionDays must be positive (the history needs the transcript while it exists)."
        : RawAudioRetentionDays < 0 || RawAudioRetentionDays > TranscriptRetentionDays ? "Voice:RawAudioRetentionDays must be between 0 and Voice:TranscriptRetentionDays."
        : ReplyAudioRetentionHours <= 0 || ReplyAudioRetentionHours > TranscriptRetentionDays * 24 ? "Voice:ReplyAudioRetentionHours must be positive and within the transcript retention."
        : MinimumConfidence is < 0 or > 1 ? "Voice:MinimumConfidence must be between 0 and 1."
        : null;
}
