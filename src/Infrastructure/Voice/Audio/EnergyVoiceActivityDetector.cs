using CleanAssistant.Application.Voice;

namespace CleanAssistant.Infrastructure.Voice.Audio;

/// <summary>
/// Finds the utterances in a whole recording by frame energy and zero-crossing rate against an adaptive noise floor:
/// silence at the ends is trimmed, and a pause of <see cref="VoiceActivityOptions.SplitPause"/> or more splits two
/// utterances. Having the whole recording, it starts from the floor of its quietest frames instead of learning it.
/// </summary>
public sealed class EnergyVoiceActivityDetector(VoiceActivityOptions options) : IVoiceActivityDetector
{
    /// <summary>The share of frames taken to be noise when estimating the starting floor.</summary>
    private const double QuietShare = 0.1;

    public IReadOnlyList<SpeechSegment> FindSpeech(PcmAudio audio)
    {
        var samples = audio.Samples.Span;
        var frameSamples = Math.Max(1, (int)(audio.SampleRate * options.FrameLength.TotalSeconds));
        var frameCount = (samples.Length + frameSamples - 1) / frameSamples;
        if (frameCount == 0)
        {
            return [];
        }

        var energies = new double[frameCount];
        var crossings = new double[frameCount];
        var analyzer = default(FrameAnalyzer);
        for (var i = 0; i < frameCount; i++)
        {
            var frame = samples.Slice(i * frameSamples, Math.Min(frameSamples, samples.Length - (i * frameSamples)));
            (energies[i], crossings[i]) = analyzer.Analyze(frame);
        }

        var (floor, noiseCrossings) = QuietFrames(energies, crossings);
        var tracker = new VoiceActivityTracker(options, floor, noiseCrossings);
        var segments = new List<SpeechSegment>();
        for (var i = 0; i < frameCount; i++)
        {
            var length = TimeSpan.FromSeconds((double)Math.Min(frameSamples, samples.Length - (i * frameSamples)) / audio.SampleRate);
            if (tracker.Step(energies[i], crossings[i], length, options.SplitPause) == VoiceActivityEvent.UtteranceEnded)
            {
                segments.Add(Padded(tracker.SpeechStart, tracker.SpeechEnd, options.Padding, audio.Duration));
            }
        }

        if (tracker.InSpeech)
        {
            segments.Add(Padded(tracker.SpeechStart, tracker.SpeechEnd, options.Padding, audio.Duration));
        }

        return segments;
    }

    internal static SpeechSegment Padded(TimeSpan start, TimeSpan end, TimeSpan padding, TimeSpan duration) =>
        new(start > padding ? start - padding : TimeSpan.Zero, end + padding < duration ? end + padding : duration);

    /// <summary>The energy below which the quietest tenth of the frames lie, and those frames' mean zero-crossing rate.</summary>
    private static (double FloorDb, double Crossings) QuietFrames(double[] energies, double[] crossings)
    {
        var sorted = (double[])energies.Clone();
        Array.Sort(sorted);
        var floor = sorted[(int)((sorted.Length - 1) * QuietShare)];
        double sum = 0;
        var count = 0;
        for (var i = 0; i < energies.Length; i++)
        {
            if (energies[i] <= floor)
            {
                sum += crossings[i];
                count++;
            }
        }

        return (floor, sum / count);
    }
}
