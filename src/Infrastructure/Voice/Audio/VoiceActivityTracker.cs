namespace CleanAssistant.Infrastructure.Voice.Audio;

/// <summary>What a frame changed in a live stream.</summary>
public enum VoiceActivityEvent
{
    /// <summary>Nothing: silence goes on, or speech goes on.</summary>
    None,

    /// <summary>Speech started (it began at the utterance's start, a little before this frame).</summary>
    SpeechStarted,

    /// <summary>The pause after speech has lasted long enough: the utterance is over.</summary>
    UtteranceEnded,
}

/// <summary>
/// Loudness and zero-crossing rate of one frame, after a high-pass filter that removes DC offset, hum and rumble
/// (which would otherwise raise the energy of noise without being speech). Carries the filter state across frames.
/// </summary>
internal struct FrameAnalyzer
{
    private const double Pole = 0.95;

    private double _previousInput;
    private double _previousOutput;

    /// <returns>The frame's mean energy in dB over 1 (digital silence: 0 dB; a full-scale sine: about 87 dB), and
    /// the share of samples where the filtered signal changes sign.</returns>
    public (double EnergyDb, double CrossingRate) Analyze(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            return (0, 0);
        }

        double sum = 0;
        var crossings = 0;
        var positive = _previousOutput >= 0;
        foreach (var sample in frame)
        {
            var output = sample - _previousInput + (Pole * _previousOutput);
            _previousInput = sample;
            _previousOutput = output;
            sum += output * output;
            if (output >= 0 != positive)
            {
                crossings++;
                positive = !positive;
            }
        }

        return (10 * Math.Log10((sum / frame.Length) + 1), (double)crossings / frame.Length);
    }
}

/// <summary>
/// The decision shared by both detectors. A frame is speech when its energy rises far enough above an adaptive
/// noise floor, or less far but with a zero-crossing rate unlike the noise's (fricatives in quiet rooms, voicing in
/// hiss). The floor falls fast (to the quietest recent frames) and rises slowly — slower still while speech goes on —
/// so it follows changing background noise without learning speech as noise. Speech starts after
/// <see cref="VoiceActivityOptions.MinSpeech"/> of speech-like frames (a start threshold, then a lower one to go on:
/// hysteresis) and ends after a pause of the length the caller asks for.
/// </summary>
internal sealed class VoiceActivityTracker
{
    /// <summary>The floor never goes below this (about −62 dBFS), so dither in digital silence is not speech.</summary>
    private const double MinimumFloorDb = 25;

    /// <summary>A zero-crossing rate this far from the noise's is a cue of speech.</summary>
    private const double CrossingDelta = 0.1;

    /// <summary>A single frame may drop out of a starting run without restarting it.</summary>
    private static readonly TimeSpan MaxStartGap = TimeSpan.FromMilliseconds(40);

    /// <summary>Without a floor given, the first frames only teach the noise.</summary>
    private static readonly TimeSpan Calibration = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan FallTime = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan RiseTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RiseTimeInSpeech = TimeSpan.FromSeconds(4);
    private const double MaxRiseStepDb = 3;

    private readonly VoiceActivityOptions _options;
    private readonly TimeSpan _calibration;
    private double _floorDb;
    private double _noiseCrossings;
    private TimeSpan _candidateStart;
    private TimeSpan _candidateLength;
    private TimeSpan _candidateGap;

    // A noise floor known in advance (from a whole recording's quiet frames), or NaN to learn it from the first frames.
    public VoiceActivityTracker(VoiceActivityOptions options, double floorDb = double.NaN, double noiseCrossings = double.NaN)
    {
        _options = options;
        _floorDb = floorDb;
        _noiseCrossings = noiseCrossings;
        _calibration = double.IsNaN(floorDb) ? Calibration : TimeSpan.Zero;
    }

    /// <summary>The end of the last frame, from the start of the audio.</summary>
    public TimeSpan Now { get; private set; }

    public bool InSpeech { get; private set; }

    /// <summary>Where the current (or last) utterance's speech began.</summary>
    public TimeSpan SpeechStart { get; private set; }

    /// <summary>The end of the current (or last) utterance's last speech frame.</summary>
    public TimeSpan SpeechEnd { get; private set; }

    public VoiceActivityEvent Step(double energyDb, double crossings, TimeSpan frameLength, TimeSpan pause)
    {
        var frameStart = Now;
        Now += frameLength;
        if (double.IsNaN(_floorDb))
        {
            _floorDb = energyDb;
            _noiseCrossings = crossings;
        }

        var rise = energyDb - Math.Max(_floorDb, MinimumFloorDb);
        var crossingCue = Math.Abs(crossings - _noiseCrossings) >= CrossingDelta;
        if (Now <= _calibration)
        {
            _floorDb = Math.Min(_floorDb, energyDb);
            _noiseCrossings += (crossings - _noiseCrossings) / 2;
            return VoiceActivityEvent.None;
        }

        if (!InSpeech)
        {
            var candidate = rise >= _options.StartThresholdDb || (rise >= _options.ContinueThresholdDb && crossingCue);
            Learn(energyDb, crossings, frameLength, speechLike: candidate);
            if (!candidate)
            {
                _candidateGap += frameLength;
                if (_candidateGap > MaxStartGap)
                {
                    _candidateLength = TimeSpan.Zero;
                }

                return VoiceActivityEvent.None;
            }

            if (_candidateLength == TimeSpan.Zero)
            {
                _candidateStart = frameStart;
            }

            _candidateLength += frameLength;
            _candidateGap = TimeSpan.Zero;
            if (_candidateLength < _options.MinSpeech)
            {
                return VoiceActivityEvent.None;
            }

            InSpeech = true;
            SpeechStart = _candidateStart;
            SpeechEnd = Now;
            _candidateLength = TimeSpan.Zero;
            return VoiceActivityEvent.SpeechStarted;
        }

        var active = rise >= _options.ContinueThresholdDb || (rise >= _options.ContinueThresholdDb / 2 && crossingCue);
        Learn(energyDb, crossings, frameLength, speechLike: active);
        if (active)
        {
            SpeechEnd = Now;
            return VoiceActivityEvent.None;
        }

        if (Now - SpeechEnd < pause)
        {
            return VoiceActivityEvent.None;
        }

        InSpeech = false;
        _candidateGap = TimeSpan.Zero;
        return VoiceActivityEvent.UtteranceEnded;
    }

    private void Learn(double energyDb, double crossings, TimeSpan frameLength, bool speechLike)
    {
        if (energyDb < _floorDb)
        {
            _floorDb += (energyDb - _floorDb) * Smoothing(frameLength, FallTime);
        }
        else
        {
            var rate = Smoothing(frameLength, speechLike ? RiseTimeInSpeech : RiseTime);
            _floorDb += Math.Min(energyDb - _floorDb, MaxRiseStepDb) * rate;
        }

        if (!speechLike)
        {
            _noiseCrossings += (crossings - _noiseCrossings) * Smoothing(frameLength, TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>The share of the distance an exponential average with time constant <paramref name="time"/> covers in one frame.</summary>
    private static double Smoothing(TimeSpan frameLength, TimeSpan time) => 1 - Math.Exp(-frameLength / time);
}
