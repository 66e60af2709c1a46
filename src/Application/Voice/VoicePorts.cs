namespace CleanAssistant.Application.Voice;

/// <summary>Audio as the recognisers take it: 16-bit PCM, mono, at <see cref="SampleRate"/> (16 kHz after decoding).</summary>
public sealed record PcmAudio(ReadOnlyMemory<short> Samples, int SampleRate = PcmAudio.StandardRate)
{
    public const int StandardRate = 16_000;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    /// <summary>The samples between two times (clamped to the audio).</summary>
    public PcmAudio Slice(TimeSpan start, TimeSpan end)
    {
        var from = Math.Clamp((int)(start.TotalSeconds * SampleRate), 0, Samples.Length);
        var to = Math.Clamp((int)(end.TotalSeconds * SampleRate), from, Samples.Length);
        return this with { Samples = Samples[from..to] };
    }
}

/// <summary>What a decoded upload was and what came out of it.</summary>
/// <param name="Format">The container/codec found from the content: wav, mp3, aac (ADTS), mp4, flac, ogg, webm.</param>
/// <param name="Audio">16 kHz mono PCM.</param>
public sealed record DecodedAudio(string Format, PcmAudio Audio);

/// <summary>Limits on one upload; the defaults suit a spoken command or a short dictation.</summary>
public sealed record AudioLimits(long MaxBytes = 25 * 1024 * 1024, double MaxSeconds = 300, double DecodeTimeoutSeconds = 30);

/// <summary>Turns an upload in any supported format (detected from the content) into 16 kHz mono PCM.</summary>
public interface IAudioDecoder
{
    /// <exception cref="AudioException">The audio is not supported, broken, too big or too long, or decoding timed out.</exception>
    Task<DecodedAudio> DecodeAsync(Stream input, AudioLimits limits, CancellationToken cancellationToken);
}

/// <summary>A stretch of speech in a recording.</summary>
public readonly record struct SpeechSegment(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>Finds speech in a whole recording: where it starts and ends, one segment per utterance.</summary>
public interface IVoiceActivityDetector
{
    IReadOnlyList<SpeechSegment> FindSpeech(PcmAudio audio);
}

/// <summary>Words a recogniser should expect: the user's own names (contacts, event titles, places).</summary>
public sealed record RecognitionHints(IReadOnlyList<string> Phrases, string Language = "en-US")
{
    public static readonly RecognitionHints None = new([]);
}

/// <summary>What a recogniser heard. <paramref name="Confidence"/> is 0–1 when the engine gives one.</summary>
public sealed record Transcript(string Text, string Engine, double? Confidence = null);

/// <summary>One speech-to-text engine (a cloud API or the local engine).</summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name in configuration and answers: "azure", "google", "pocketsphinx".</summary>
    string Name { get; }

    /// <exception cref="SpeechEngineException">The engine failed (unreachable, refused, rate-limited, timed out).</exception>
    Task<Transcript> RecognizeAsync(PcmAudio audio, RecognitionHints hints, CancellationToken cancellationToken);
}

/// <summary>Audio formats replies can be spoken in.</summary>
public enum SpeechAudioFormat
{
    Wav,
    OggOpus,
}

/// <summary>Spoken audio and its MIME type.</summary>
public sealed record SpeechAudio(byte[] Bytes, string ContentType, SpeechAudioFormat Format);

/// <summary>One text-to-speech engine.</summary>
public interface ISpeechSynthesizer
{
    string Name { get; }

    Task<SpeechAudio> SynthesizeAsync(string text, SpeechAudioFormat format, CancellationToken cancellationToken);
}

/// <summary>
/// Speech to text as the product uses it: the configured chain of engines (cloud first when configured, the local
/// engine last and always there), or one engine by name.
/// </summary>
public interface ISpeechToText
{
    /// <summary>The engines that can be asked for by name.</summary>
    IReadOnlyList<string> Engines { get; }

    /// <summary>Transcribes <paramref name="audio"/> with one <paramref name="engine"/> by name, or with the chain when it is null.</summary>
    /// <exception cref="SpeechEngineException">No engine could transcribe it (or the one asked for failed).</exception>
    Task<Transcript> TranscribeAsync(PcmAudio audio, RecognitionHints hints, string? engine, CancellationToken cancellationToken);
}
