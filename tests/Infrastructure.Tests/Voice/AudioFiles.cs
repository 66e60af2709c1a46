using System.Globalization;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>
/// One 1.5 s, 440 Hz tone at half of full scale in every format the decoder reads, made once per test class by two
/// ffmpeg runs (one per source: mono and stereo) into a temp folder.
/// </summary>
public sealed class AudioFiles : IDisposable
{
    public const double ToneSeconds = 1.5;
    public const double ToneHz = 440;

    /// <summary>The RMS of a sine at half of full scale.</summary>
    public const double ToneRms = 0.5 * 32767 / 1.4142135623730951;

    public static readonly string[] PcmCodecs = ["u8", "s16le", "s24le", "s32le", "f32le"];
    public static readonly int[] Rates = [8000, 22050, 44100, 48000];

    /// <summary>Compressed files: name, the ffmpeg output options, and the format the decoder should report.</summary>
    public static readonly (string Name, string[] Options, string Format)[] Compressed =
    [
        ("tone.mp3", ["-c:a", "libmp3lame", "-b:a", "96k"], "mp3"),
        ("tone-no-id3.mp3", ["-c:a", "libmp3lame", "-b:a", "96k", "-id3v2_version", "0", "-write_xing", "0"], "mp3"),
        ("tone.m4a", ["-c:a", "aac", "-b:a", "96k"], "mp4"),
        ("tone.aac", ["-c:a", "aac", "-b:a", "96k", "-f", "adts"], "aac"),
        ("tone.flac", ["-c:a", "flac"], "flac"),
        ("tone.opus.ogg", ["-c:a", "libopus", "-b:a", "48k", "-f", "ogg"], "ogg"),
        ("tone.vorbis.ogg", ["-c:a", "libvorbis", "-f", "ogg"], "ogg"),
        ("tone.webm", ["-c:a", "libopus", "-b:a", "48k", "-f", "webm"], "webm"),
    ];

    public AudioFiles()
    {
        Folder = AudioTools.NewFolder();
        foreach (var channels in new[] { 1, 2 })
        {
            var tone = string.Join('|', Enumerable.Repeat($"0.5*sin(2*PI*{ToneHz}*t)", channels));
            List<string> arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", $"aevalsrc={tone}:s=48000:d={ToneSeconds.ToString(CultureInfo.InvariantCulture)}"];
            foreach (var codec in PcmCodecs)
            {
                foreach (var rate in Rates)
                {
                    arguments.AddRange(["-c:a", $"pcm_{codec}", "-ar", rate.ToString(CultureInfo.InvariantCulture), Wav(codec, rate, channels)]);
                }
            }

            if (channels == 2)
            {
                foreach (var (name, options, _) in Compressed)
                {
                    arguments.AddRange([.. options, PathOf(name)]);
                }
            }

            AudioTools.Run(AudioTools.Ffmpeg, [.. arguments]);
        }

        // Just below and just above the new Nyquist frequency (8 kHz), for the resampler.
        AudioTools.Run(AudioTools.Ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*7500*t):s=48000:d=1", "-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*8500*t):s=48000:d=1",
            "-map", "0:a", "-c:a", "pcm_s16le", PathOf("tone-7500.wav"), "-map", "1:a", "-c:a", "pcm_s16le", PathOf("tone-8500.wav"));
    }

    public string Folder { get; }

    public string Wav(string codec, int rate, int channels) => Path.Combine(Folder, $"tone-{codec}-{rate}-{channels}ch.wav");

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
