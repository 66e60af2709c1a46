using System.Globalization;
using CleanAssistant.Application.Voice;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>
/// Two spoken commands (espeak-ng, resampled to 16 kHz and trimmed of their silence by sox, so their lengths are the
/// truth), and pink and white noise (sox), made once per test class. Recordings are built from them with pauses of
/// known length, so where the speech is is known to the sample.
/// </summary>
public sealed class SpeechClips : IDisposable
{
    public const int Rate = PcmAudio.StandardRate;

    private readonly string _folder = AudioTools.NewFolder();

    public SpeechClips()
    {
        A = Speak("a", "Move my dentist appointment to Friday at three.");
        B = Speak("b", "Remind me to call Alice tomorrow morning.");
        PinkNoise = Noise("pinknoise");
        WhiteNoise = Noise("whitenoise");
    }

    public short[] A { get; }

    public short[] B { get; }

    public short[] PinkNoise { get; }

    public short[] WhiteNoise { get; }

    public static TimeSpan Seconds(int samples) => TimeSpan.FromSeconds((double)samples / Rate);

    /// <summary>Pieces laid end to end: a number is that many seconds of silence, an array is speech.</summary>
    public static Recording Build(params object[] pieces)
    {
        var samples = new List<short>();
        var speech = new List<SpeechSegment>();
        foreach (var piece in pieces)
        {
            if (piece is short[] words)
            {
                speech.Add(new SpeechSegment(Seconds(samples.Count), Seconds(samples.Count + words.Length)));
                samples.AddRange(words);
            }
            else
            {
                samples.AddRange(new short[(int)Math.Round(Convert.ToDouble(piece, CultureInfo.InvariantCulture) * Rate)]);
            }
        }

        return new Recording([.. samples], speech);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private short[] Speak(string name, string text)
    {
        var spoken = Path.Combine(_folder, name + ".wav");
        var trimmed = Path.Combine(_folder, name + ".raw");
        AudioTools.Run(AudioTools.Espeak, "-w", spoken, text);
        AudioTools.Run(AudioTools.Sox, spoken, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", trimmed,
            "silence", "1", "0.005", "-60d", "reverse", "silence", "1", "0.005", "-60d", "reverse");
        return AudioTools.ReadRaw(trimmed);
    }

    private short[] Noise(string kind)
    {
        var path = Path.Combine(_folder, kind + ".raw");
        AudioTools.Run(AudioTools.Sox, "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", path, "synth", "15", kind, "vol", "0.3");
        return AudioTools.ReadRaw(path);
    }
}

/// <summary>A recording and where its speech truly is.</summary>
public sealed record Recording(short[] Samples, IReadOnlyList<SpeechSegment> Speech)
{
    public PcmAudio Audio => new(Samples);

    /// <summary>The recording with noise added everywhere, scaled so that speech is <paramref name="snrDb"/> louder (by mean power).</summary>
    public Recording WithNoise(short[] noise, double snrDb)
    {
        double speechPower = 0;
        var speechSamples = 0;
        foreach (var segment in Speech)
        {
            var from = (int)(segment.Start.TotalSeconds * SpeechClips.Rate);
            var to = (int)(segment.End.TotalSeconds * SpeechClips.Rate);
            for (var i = from; i < to; i++)
            {
                speechPower += (double)Samples[i] * Samples[i];
            }

            speechSamples += to - from;
        }

        speechPower /= speechSamples;
        var noiseRms = AudioTools.Rms(noise.AsSpan(0, Samples.Length));
        var gain = Math.Sqrt(speechPower / Math.Pow(10, snrDb / 10)) / noiseRms;
        var mixed = new short[Samples.Length];
        for (var i = 0; i < mixed.Length; i++)
        {
            mixed[i] = (short)Math.Clamp(Samples[i] + (noise[i] * gain), short.MinValue, short.MaxValue);
        }

        return this with { Samples = mixed };
    }
}
