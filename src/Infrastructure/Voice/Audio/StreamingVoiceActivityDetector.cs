using CleanAssistant.Application.Voice;

namespace CleanAssistant.Infrastructure.Voice.Audio;

/// <summary>
/// Voice activity in a live stream, frame by frame (20–30 ms each): says when speech starts and when the utterance
/// has ended (after <see cref="VoiceActivityOptions.EndOfUtterancePause"/> of pause). It learns the noise floor from
/// the first 200 ms, then keeps adapting it. Not thread-safe: one per stream. Allocates nothing per frame.
/// </summary>
public sealed class StreamingVoiceActivityDetector(VoiceActivityOptions options, int sampleRate = PcmAudio.StandardRate)
{
    private VoiceActivityTracker _tracker = new(options);
    private FrameAnalyzer _analyzer;

    /// <summary>How much audio has been pushed.</summary>
    public TimeSpan Position => _tracker.Now;

    /// <summary>Speech has started and its utterance has not ended yet.</summary>
    public bool InSpeech => _tracker.InSpeech;

    /// <summary>The current utterance (so far) or the last one, with padding; null before any speech.</summary>
    public SpeechSegment? Utterance { get; private set; }

    /// <summary>Takes the next frame of 16-bit mono samples and says what it changed.</summary>
    public VoiceActivityEvent Push(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            return VoiceActivityEvent.None;
        }

        var (energy, crossings) = _analyzer.Analyze(frame);
        var change = _tracker.Step(energy, crossings, TimeSpan.FromSeconds((double)frame.Length / sampleRate), options.EndOfUtterancePause);
        if (change != VoiceActivityEvent.None || _tracker.InSpeech)
        {
            Utterance = EnergyVoiceActivityDetector.Padded(_tracker.SpeechStart, _tracker.SpeechEnd, options.Padding, _tracker.Now);
        }

        return change;
    }

    /// <summary>Starts over, as for a new stream (the noise floor is learnt again).</summary>
    public void Reset()
    {
        _tracker = new VoiceActivityTracker(options);
        _analyzer = default;
        Utterance = null;
    }
}
