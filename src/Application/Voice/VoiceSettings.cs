using NodaTime;

namespace CleanAssistant.Application.Voice;

/// <summary>
/// How voice input is limited and how long what was said is kept (configuration section <c>Voice</c>, bound by the
/// host). Recordings are not kept by default: only the transcript, for the user's voice history.
/// </summary>
public sealed record VoiceSettings
{
    /// <summary>Size, length and decoding time of one upload.</summary>
    public AudioLimits Limits { get; init; } = new();

    /// <summary>How long transcripts (the voice history) are kept.</summary>
    public Duration TranscriptRetention { get; init; } = Duration.FromDays(30);

    /// <summary>How long the recording itself is kept after transcription; zero: not at all.</summary>
    public Duration RawAudioRetention { get; init; } = Duration.Zero;

    /// <summary>How long a spoken reply can be fetched from its URL.</summary>
    public Duration ReplyAudioRetention { get; init; } = Duration.FromHours(24);

    /// <summary>Below this engine confidence (0–1) the assistant asks to repeat instead of acting; 0: never.</summary>
    public double MinimumConfidence { get; init; }

    /// <summary>At most this many of the user's own names (event titles, places, people) are given to the engines as hints.</summary>
    public int MaxHints { get; init; } = 300;
}
