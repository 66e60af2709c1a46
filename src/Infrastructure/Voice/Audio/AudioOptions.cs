using CleanAssistant.Application.Voice;

namespace CleanAssistant.Infrastructure.Voice.Audio;

/// <summary>Decoding uploads with ffmpeg, and finding speech in them (section <c>Voice:Audio</c>).</summary>
public sealed class AudioOptions
{
    public const string SectionName = "Voice:Audio";

    private static readonly AudioLimits Defaults = new();

    /// <summary>The ffmpeg executable (Debian's package installs it at <c>/usr/bin/ffmpeg</c>).</summary>
    public string FfmpegPath { get; set; } = "/usr/bin/ffmpeg";

    /// <summary>The largest upload read, in bytes; a caller may ask for less, never more.</summary>
    public long MaxBytes { get; set; } = Defaults.MaxBytes;

    /// <summary>The longest audio decoded, in seconds; a caller may ask for less, never more.</summary>
    public double MaxSeconds { get; set; } = Defaults.MaxSeconds;

    /// <summary>How long one decode may take before ffmpeg is killed, in seconds; a caller may ask for less, never more.</summary>
    public double DecodeTimeoutSeconds { get; set; } = Defaults.DecodeTimeoutSeconds;

    /// <summary>How many ffmpeg processes may run at once; 0: one per processor.</summary>
    public int MaxConcurrentDecodes { get; set; }

    /// <summary>Where uploads are spooled for ffmpeg (deleted when decoded); empty: the system's temp folder.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>How speech is told from silence and noise.</summary>
    public VoiceActivityOptions VoiceActivity { get; set; } = new();

    /// <summary>The configured limits.</summary>
    public AudioLimits Limits => new(MaxBytes, MaxSeconds, DecodeTimeoutSeconds);
}

/// <summary>The <c>Voice:Audio:VoiceActivity</c> section: thresholds and timings of the voice activity detectors.</summary>
public sealed class VoiceActivityOptions
{
    /// <summary>How far (dB) a frame must rise above the tracked noise floor to start speech.</summary>
    public double StartThresholdDb { get; set; } = 9;

    /// <summary>How far (dB) above the noise floor a frame must stay to keep speech going (lower than the start: hysteresis).</summary>
    public double ContinueThresholdDb { get; set; } = 4;

    /// <summary>Speech-like frames needed before speech is taken to start; shorter bursts (clicks, knocks) are noise.</summary>
    public TimeSpan MinSpeech { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A pause at least this long splits a recording into two utterances (<see cref="EnergyVoiceActivityDetector"/>).</summary>
    public TimeSpan SplitPause { get; set; } = TimeSpan.FromMilliseconds(700);

    /// <summary>A pause this long ends the utterance in a live stream (<see cref="StreamingVoiceActivityDetector"/>).</summary>
    public TimeSpan EndOfUtterancePause { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Kept on each side of a segment, so weak onsets and endings (fricatives, releases) are not cut off.</summary>
    public TimeSpan Padding { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>The analysis frame of <see cref="EnergyVoiceActivityDetector"/> (the streaming detector takes frames as they come).</summary>
    public TimeSpan FrameLength { get; set; } = TimeSpan.FromMilliseconds(20);
}
