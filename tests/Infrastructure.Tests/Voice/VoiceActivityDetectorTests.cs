using System.Runtime.InteropServices;
using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Audio;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>Both voice activity detectors on synthetic speech with known boundaries, in silence and in noise.</summary>
public sealed class VoiceActivityDetectorTests(SpeechClips clips) : IClassFixture<SpeechClips>
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(150);
    private static readonly VoiceActivityOptions Options = new();

    public static TheoryData<string, double> Backgrounds() => new()
    {
        { "silence", double.PositiveInfinity },
        { "pink", 15 },
        { "white", 15 },
        { "pink", 10 },
    };

    [Theory]
    [MemberData(nameof(Backgrounds))]
    public void FindSpeech_TrimsSilence_AndSplitsAtALongPause(string noise, double snrDb)
    {
        var recording = In(SpeechClips.Build(1.0, clips.A, 1.5, clips.B, 0.5), noise, snrDb);

        var found = new EnergyVoiceActivityDetector(Options).FindSpeech(recording.Audio);

        ShouldMatch(found, recording.Speech);
    }

    [Theory]
    [MemberData(nameof(Backgrounds))]
    public void FindSpeech_KeepsAShortPause_InOneUtterance(string noise, double snrDb)
    {
        var recording = In(SpeechClips.Build(0.8, clips.A, 0.4, clips.B, 0.8), noise, snrDb);

        var found = new EnergyVoiceActivityDetector(Options).FindSpeech(recording.Audio);

        ShouldMatch(found, [new SpeechSegment(recording.Speech[0].Start, recording.Speech[1].End)]);
    }

    [Fact]
    public async Task DecodedUpload_ItsUtterancesAreFoundWhereTheyWere()
    {
        // Through an MP3 at 44.1 kHz stereo and back: decoding must not shift the speech (encoder delay, resampling).
        var recording = SpeechClips.Build(0.7, clips.A, 1.2, clips.B, 0.6).WithNoise(clips.PinkNoise, 20);
        var folder = AudioTools.NewFolder();
        try
        {
            var raw = Path.Combine(folder, "speech.raw");
            var mp3 = Path.Combine(folder, "speech.mp3");
            await File.WriteAllBytesAsync(raw, MemoryMarshal.AsBytes(recording.Samples.AsSpan()).ToArray());
            AudioTools.Run(AudioTools.Ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", raw,
                "-ar", "44100", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", mp3);
            var decoder = new FfmpegAudioDecoder(MsOptions.Create(new AudioOptions()), NullLogger<FfmpegAudioDecoder>.Instance);
            await using var upload = File.OpenRead(mp3);

            var decoded = await decoder.DecodeAsync(upload, new AudioLimits(), default);
            var found = new EnergyVoiceActivityDetector(Options).FindSpeech(decoded.Audio);

            decoded.Audio.Duration.TotalSeconds.ShouldBe(recording.Audio.Duration.TotalSeconds, 0.05);
            ShouldMatch(found, recording.Speech);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FindSpeech_SpeechFromTheFirstSample_IsFound()
    {
        var recording = SpeechClips.Build(clips.B, 1.0);

        var found = new EnergyVoiceActivityDetector(Options).FindSpeech(recording.Audio);

        ShouldMatch(found, recording.Speech);
    }

    [Theory]
    [InlineData("silence")]
    [InlineData("pink")]
    [InlineData("white")]
    public void FindSpeech_InSilenceOrNoiseAlone_FindsNothing(string noise)
    {
        var samples = noise switch
        {
            "pink" => clips.PinkNoise,
            "white" => clips.WhiteNoise,
            _ => new short[SpeechClips.Rate * 5],
        };

        new EnergyVoiceActivityDetector(Options).FindSpeech(new PcmAudio(samples)).ShouldBeEmpty();
        new EnergyVoiceActivityDetector(Options).FindSpeech(new PcmAudio(Array.Empty<short>())).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("silence", double.PositiveInfinity, 20)]
    [InlineData("silence", double.PositiveInfinity, 30)]
    [InlineData("pink", 15, 20)]
    [InlineData("white", 15, 30)]
    public void Streaming_ReportsEachStart_AndEndsTheUtteranceAfterThePause(string noise, double snrDb, int frameMs)
    {
        var recording = In(SpeechClips.Build(1.0, clips.A, 1.5, clips.B, 1.2), noise, snrDb);
        var detector = new StreamingVoiceActivityDetector(Options);

        var events = Stream(detector, recording.Samples, frameMs);

        events.Select(e => e.Event).ShouldBe(
        [
            VoiceActivityEvent.SpeechStarted, VoiceActivityEvent.UtteranceEnded,
            VoiceActivityEvent.SpeechStarted, VoiceActivityEvent.UtteranceEnded,
        ]);
        for (var i = 0; i < 2; i++)
        {
            var (_, started, _) = events[2 * i];
            var (_, ended, utterance) = events[(2 * i) + 1];
            var truth = recording.Speech[i];
            // Speech is reported soon after it starts, and the end once the pause has lasted long enough.
            started.ShouldBeInRange(truth.Start, truth.Start + Options.MinSpeech + Tolerance);
            ended.ShouldBeInRange(truth.End + Options.EndOfUtterancePause - Tolerance, truth.End + Options.EndOfUtterancePause + Tolerance);
            ShouldMatch([utterance!.Value], [truth]);
        }

        detector.InSpeech.ShouldBeFalse();
    }

    [Fact]
    public void Streaming_APauseShorterThanTheEndOfUtterance_DoesNotEndIt()
    {
        var recording = SpeechClips.Build(0.5, clips.A, 0.6, clips.B, 0.5).WithNoise(clips.PinkNoise, 15);
        var detector = new StreamingVoiceActivityDetector(Options);

        var events = Stream(detector, recording.Samples, 20);

        events.Select(e => e.Event).ShouldBe([VoiceActivityEvent.SpeechStarted]);
        detector.InSpeech.ShouldBeTrue();
        ShouldMatch([detector.Utterance!.Value], [new SpeechSegment(recording.Speech[0].Start, recording.Speech[1].End)]);
    }

    [Fact]
    public void Streaming_Reset_StartsOver()
    {
        var recording = SpeechClips.Build(0.5, clips.A, 1.0);
        var detector = new StreamingVoiceActivityDetector(Options);
        Stream(detector, recording.Samples, 20);

        detector.Reset();

        detector.Position.ShouldBe(TimeSpan.Zero);
        detector.Utterance.ShouldBeNull();
        Stream(detector, recording.Samples, 20).Count.ShouldBe(2);
    }

    private Recording In(Recording recording, string noise, double snrDb) => noise switch
    {
        "pink" => recording.WithNoise(clips.PinkNoise, snrDb),
        "white" => recording.WithNoise(clips.WhiteNoise, snrDb),
        _ => recording,
    };

    private static List<(VoiceActivityEvent Event, TimeSpan At, SpeechSegment? Utterance)> Stream(StreamingVoiceActivityDetector detector, short[] samples, int frameMs)
    {
        var frame = SpeechClips.Rate * frameMs / 1000;
        var events = new List<(VoiceActivityEvent, TimeSpan, SpeechSegment?)>();
        for (var at = 0; at < samples.Length; at += frame)
        {
            var change = detector.Push(samples.AsSpan(at, Math.Min(frame, samples.Length - at)));
            if (change != VoiceActivityEvent.None)
            {
                events.Add((change, detector.Position, detector.Utterance));
            }
        }

        return events;
    }

    private static void ShouldMatch(IReadOnlyList<SpeechSegment> found, IReadOnlyList<SpeechSegment> truth)
    {
        var shown = string.Join(", ", found.Select(s => $"{s.Start.TotalSeconds:0.000}–{s.End.TotalSeconds:0.000}"));
        var expected = string.Join(", ", truth.Select(s => $"{s.Start.TotalSeconds:0.000}–{s.End.TotalSeconds:0.000}"));
        found.Count.ShouldBe(truth.Count, $"found {shown}; truth {expected}");
        for (var i = 0; i < truth.Count; i++)
        {
            found[i].Start.ShouldBeInRange(truth[i].Start - Tolerance, truth[i].Start + Tolerance, $"found {shown}; truth {expected}");
            found[i].End.ShouldBeInRange(truth[i].End - Tolerance, truth[i].End + Tolerance, $"found {shown}; truth {expected}");
        }
    }
}
