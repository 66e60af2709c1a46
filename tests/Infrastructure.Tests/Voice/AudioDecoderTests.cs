using System.Diagnostics;
using System.Text;
using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Audio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>The ffmpeg decoder on real files of every supported format, on broken ones, and at its limits.</summary>
public sealed class AudioDecoderTests(AudioFiles files) : IClassFixture<AudioFiles>
{
    private static readonly AudioLimits Limits = new();

    public static TheoryData<string, int, int> PcmWavs()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var codec in AudioFiles.PcmCodecs)
        {
            foreach (var rate in AudioFiles.Rates)
            {
                data.Add(codec, rate, 1);
                data.Add(codec, rate, 2);
            }
        }

        return data;
    }

    public static TheoryData<string, string> CompressedFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _, format) in AudioFiles.Compressed)
        {
            data.Add(name, format);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PcmWavs))]
    public async Task Wav_InEverySampleFormatRateAndLayout_DecodesTo16kMonoWithTheToneIntact(string codec, int rate, int channels)
    {
        var decoded = await DecodeFileAsync(files.Wav(codec, rate, channels));

        decoded.Format.ShouldBe("wav");
        ShouldBeTheTone(decoded.Audio);
    }

    [Theory]
    [MemberData(nameof(CompressedFiles))]
    public async Task CompressedFormats_DecodeTo16kMonoWithTheToneIntact(string name, string format)
    {
        var decoded = await DecodeFileAsync(files.PathOf(name));

        decoded.Format.ShouldBe(format);
        ShouldBeTheTone(decoded.Audio);
    }

    [Fact]
    public async Task Resampling_KeepsTonesBelowEightKilohertz_AndDoesNotFoldThoseAbove()
    {
        var below = (await DecodeFileAsync(files.PathOf("tone-7500.wav"))).Audio;
        var above = (await DecodeFileAsync(files.PathOf("tone-8500.wav"))).Audio;

        // SoX's resampler: flat to near the new Nyquist frequency, and nothing folds back (ffmpeg's default gives
        // −3 dB and −26 dB here: muffled speech plus aliases, which recognisers pay for).
        var middle = (TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.9));
        AudioTools.Rms(below.Slice(middle.Item1, middle.Item2).Samples.Span).ShouldBe(AudioFiles.ToneRms, AudioFiles.ToneRms * 0.1);
        AudioTools.Rms(above.Slice(middle.Item1, middle.Item2).Samples.Span).ShouldBeLessThan(AudioFiles.ToneRms / 1000);
    }

    [Fact]
    public async Task Format_IsFoundFromTheContent_NotTheFileName()
    {
        var misnamed = files.PathOf("really-an-mp3.wav");
        File.Copy(files.PathOf("tone.mp3"), misnamed, overwrite: true);
        var alsoMisnamed = files.PathOf("really-webm.m4a");
        File.Copy(files.PathOf("tone.webm"), alsoMisnamed, overwrite: true);

        (await DecodeFileAsync(misnamed)).Format.ShouldBe("mp3");
        (await DecodeFileAsync(alsoMisnamed)).Format.ShouldBe("webm");
    }

    [Fact]
    public async Task NoBytes_IsEmpty()
    {
        var error = await Should.ThrowAsync<AudioException>(() => Decoder().DecodeAsync(new MemoryStream(), Limits, default));

        error.Code.ShouldBe("AUDIO_EMPTY");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("garbage")]
    [InlineData("html")]
    public async Task NotAudio_IsUnsupported_WithoutRunningFfmpeg(string kind)
    {
        byte[] bytes = kind switch
        {
            "text" => Encoding.UTF8.GetBytes("Dear Alice, this is a letter renamed to letter.wav, not audio.\n"),
            "html" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>404</body></html>"),
            _ => Garbage(4096),
        };
        // A path with no ffmpeg behind it: starting ffmpeg would fail with another exception.
        var decoder = Decoder(o => o.FfmpegPath = "/nonexistent/ffmpeg");

        var error = await Should.ThrowAsync<AudioException>(() => decoder.DecodeAsync(new MemoryStream(bytes), Limits, default));

        error.Code.ShouldBe("AUDIO_UNSUPPORTED");
        error.Message.ShouldContain("WAV, MP3, M4A/AAC, FLAC, OGG/Opus or WebM/Opus");
    }

    [Theory]
    [InlineData("tone-s16le-44100-1ch.wav", 40)]
    [InlineData("tone.flac", 30)]
    [InlineData("tone.opus.ogg", 40)]
    [InlineData("tone.webm", 30)]
    [InlineData("tone.m4a", -2)]
    [InlineData("tone-no-id3.mp3", 4)]
    public async Task TruncatedFile_IsInvalid(string name, int keep)
    {
        var bytes = await File.ReadAllBytesAsync(files.PathOf(name));
        // A positive length keeps that many bytes; -2 keeps half (an M4A whose index, at the end, is cut off).
        var cut = bytes[..(keep > 0 ? keep : bytes.Length / -keep)];

        var error = await Should.ThrowAsync<AudioException>(() => Decoder().DecodeAsync(new MemoryStream(cut), Limits, default));

        error.Code.ShouldBe("AUDIO_INVALID");
        error.Message.ShouldNotContain("/tmp");
    }

    [Theory]
    [InlineData("tone-s16le-48000-1ch.wav")]
    [InlineData("tone.mp3")]
    public async Task FileCutInTheMiddleOfItsAudio_DecodesThePartThatIsThere(string name)
    {
        var bytes = await File.ReadAllBytesAsync(files.PathOf(name));

        var decoded = await Decoder().DecodeAsync(new MemoryStream(bytes[..(bytes.Length / 2)]), Limits, default);

        decoded.Audio.Duration.TotalSeconds.ShouldBe(AudioFiles.ToneSeconds / 2, 0.1);
    }

    [Theory]
    [InlineData("RIFF\0\0\0\0WAVE")]
    [InlineData("fLaC")]
    [InlineData("OggS")]
    [InlineData("ID3\u0004\0\0\0\0\0\0")]
    public async Task RightMagicThenGarbage_IsInvalid(string magic)
    {
        var bytes = Encoding.Latin1.GetBytes(magic).Concat(Garbage(20_000)).ToArray();

        var error = await Should.ThrowAsync<AudioException>(() => Decoder().DecodeAsync(new MemoryStream(bytes), Limits, default));

        error.Code.ShouldBe("AUDIO_INVALID");
    }

    [Fact]
    public async Task UploadOverTheSizeLimit_IsRefused_WithoutReadingItAll()
    {
        var header = await File.ReadAllBytesAsync(files.Wav("s16le", 48000, 1));
        var endless = new EndlessStream(header[..44]);
        var limits = Limits with { MaxBytes = 1024 * 1024 };

        var error = await Should.ThrowAsync<AudioException>(() => Decoder().DecodeAsync(endless, limits, default));

        error.Code.ShouldBe("AUDIO_TOO_LARGE");
        error.Message.ShouldContain("1 MB");
        endless.BytesRead.ShouldBeLessThanOrEqualTo(limits.MaxBytes + 1);
    }

    [Fact]
    public async Task SeekableUploadOverTheSizeLimit_IsRefused_BeforeReadingAnything()
    {
        await using var file = File.OpenRead(files.Wav("s16le", 48000, 2));

        var error = await Should.ThrowAsync<AudioException>(() => Decoder().DecodeAsync(file, Limits with { MaxBytes = 10_000 }, default));

        error.Code.ShouldBe("AUDIO_TOO_LARGE");
        file.Position.ShouldBe(0);
    }

    [Fact]
    public async Task ConfiguredLimits_CannotBeLoosenedByTheCaller()
    {
        await using var file = File.OpenRead(files.PathOf("tone.flac"));
        var decoder = Decoder(o => o.MaxSeconds = 1);

        var error = await Should.ThrowAsync<AudioException>(() => decoder.DecodeAsync(file, Limits with { MaxSeconds = 600 }, default));

        error.Code.ShouldBe("AUDIO_TOO_LONG");
    }

    [Theory]
    [InlineData("tone.m4a")]
    [InlineData("tone.mp3")]
    public async Task AudioLongerThanTheLimit_IsTooLong(string name)
    {
        await using var file = File.OpenRead(files.PathOf(name));

        var error = await Should.ThrowAsync<AudioException>(() => Decoder().DecodeAsync(file, Limits with { MaxSeconds = 1.2 }, default));

        error.Code.ShouldBe("AUDIO_TOO_LONG");
        error.Message.ShouldContain("1.2 seconds");
    }

    [Fact]
    public async Task AudioJustUnderTheLimit_IsDecoded()
    {
        await using var file = File.OpenRead(files.PathOf("tone.flac"));

        var decoded = await Decoder().DecodeAsync(file, Limits with { MaxSeconds = AudioFiles.ToneSeconds }, default);

        decoded.Audio.Duration.TotalSeconds.ShouldBe(AudioFiles.ToneSeconds, 0.05);
    }

    [Fact]
    public async Task DecodeOverTheTimeout_KillsFfmpegAndItsChildren()
    {
        using var hang = new HangingFfmpeg();
        var decoder = Decoder(o => o.FfmpegPath = hang.Path);
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<AudioException>(() => DecodeFileAsync(files.PathOf("tone.flac"), decoder, Limits with { DecodeTimeoutSeconds = 2 }));

        error.Code.ShouldBe("AUDIO_TIMEOUT");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        hang.ShouldHaveNoProcessLeft();
    }

    [Fact]
    public async Task CancelledDecode_KillsFfmpegAndItsChildren()
    {
        using var hang = new HangingFfmpeg();
        var decoder = Decoder(o => o.FfmpegPath = hang.Path);
        using var cancel = new CancellationTokenSource();
        await using var file = File.OpenRead(files.PathOf("tone.flac"));

        var decoding = decoder.DecodeAsync(file, Limits, cancel.Token);
        await hang.WaitUntilStartedAsync();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => decoding);
        hang.ShouldHaveNoProcessLeft();
    }

    [Fact]
    public async Task MissingFfmpeg_IsAConfigurationError_NamingTheKey()
    {
        var decoder = Decoder(o => o.FfmpegPath = "/nonexistent/ffmpeg");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => DecodeFileAsync(files.PathOf("tone.flac"), decoder));

        error.Message.ShouldContain("Voice:Audio:FfmpegPath");
    }

    [Fact]
    public async Task ManyDecodesAtOnce_AllFinish_AndLeaveNoTempFiles()
    {
        var folder = AudioTools.NewFolder();
        try
        {
            var decoder = Decoder(o =>
            {
                o.MaxConcurrentDecodes = 2;
                o.TempDirectory = folder;
            });
            var names = AudioFiles.Compressed.Select(c => c.Name).ToArray();

            var decoded = await Task.WhenAll(names.Select(n => DecodeFileAsync(files.PathOf(n), decoder)));

            decoded.Length.ShouldBe(names.Length);
            decoded.ShouldAllBe(d => d.Audio.Samples.Length > 0);
            Directory.GetFiles(folder).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void ShouldBeTheTone(PcmAudio audio)
    {
        audio.SampleRate.ShouldBe(16_000);
        audio.Duration.TotalSeconds.ShouldBe(AudioFiles.ToneSeconds, 0.05);
        // The middle, away from codec ramps at the ends.
        var middle = audio.Slice(TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(1.3)).Samples.Span;
        AudioTools.ToneFrequency(middle, audio.SampleRate).ShouldBe(AudioFiles.ToneHz, AudioFiles.ToneHz * 0.01);
        AudioTools.Rms(middle).ShouldBe(AudioFiles.ToneRms, AudioFiles.ToneRms * 0.08);
    }

    private static async Task<DecodedAudio> DecodeFileAsync(string path, FfmpegAudioDecoder? decoder = null, AudioLimits? limits = null)
    {
        await using var file = File.OpenRead(path);
        return await (decoder ?? Decoder()).DecodeAsync(file, limits ?? Limits, default);
    }

    private static FfmpegAudioDecoder Decoder(Action<AudioOptions>? configure = null)
    {
        var options = new AudioOptions();
        configure?.Invoke(options);
        return new FfmpegAudioDecoder(Options.Create(options), NullLogger<FfmpegAudioDecoder>.Instance);
    }

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(6).NextBytes(bytes);
        bytes[0] = 0x00;
        return bytes;
    }

    /// <summary>A stream that never ends, counting what is read from it.</summary>
    private sealed class EndlessStream(byte[] start) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var at = BytesRead + i;
                buffer[offset + i] = at < start.Length ? start[at] : (byte)(at * 31);
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A fake ffmpeg that starts a child and waits forever, writing both process ids to a file.</summary>
    private sealed class HangingFfmpeg : IDisposable
    {
        private readonly string _folder = AudioTools.NewFolder();

        public HangingFfmpeg()
        {
            Path = System.IO.Path.Combine(_folder, "ffmpeg");
            File.WriteAllText(Path, $"#!/bin/sh\nsleep 120 &\necho $$ $! > '{PidFile}.tmp'\nmv '{PidFile}.tmp' '{PidFile}'\nwait\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public string Path { get; }

        private string PidFile => System.IO.Path.Combine(_folder, "pids");

        public async Task WaitUntilStartedAsync()
        {
            for (var i = 0; i < 600 && !File.Exists(PidFile); i++)
            {
                await Task.Delay(25);
            }
        }

        public void ShouldHaveNoProcessLeft()
        {
            File.Exists(PidFile).ShouldBeTrue("the fake ffmpeg never started");
            var pids = File.ReadAllText(PidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            pids.Length.ShouldBe(2);

            // The child is killed with the parent; give the kernel a moment to finish it.
            for (var i = 0; i < 20 && pids.Any(AudioTools.IsRunning); i++)
            {
                Thread.Sleep(25);
            }

            pids.Where(AudioTools.IsRunning).ShouldBeEmpty();
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
