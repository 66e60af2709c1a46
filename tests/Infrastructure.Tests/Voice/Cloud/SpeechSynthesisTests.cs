using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using CleanAssistant.Application.Voice;
using static CleanAssistant.Infrastructure.Tests.Voice.Cloud.SpeechHarness;

namespace CleanAssistant.Infrastructure.Tests.Voice.Cloud;

/// <summary>Replies spoken by Azure's text to speech (against a fake) and by the real espeak-ng and ffmpeg.</summary>
public sealed class SpeechSynthesisTests : IAsyncLifetime
{
    private const string Awkward = "Lunch with Zoë & \"Bob\" <b>at</b> O'Brien's café — 12:30 ☕";

    private FakeSpeechServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSpeechServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(SpeechAudioFormat.Wav, "riff-16khz-16bit-mono-pcm", "audio/wav")]
    [InlineData(SpeechAudioFormat.OggOpus, "ogg-16khz-16bit-mono-opus", "audio/ogg; codecs=opus")]
    public async Task Azure_GetsEscapedSsml_AndTheOutputFormat_AndItsAudioIsReturned(SpeechAudioFormat format, string outputFormat, string contentType)
    {
        var audio = format == SpeechAudioFormat.Wav ? FakeWav() : [.. "OggS"u8, 0, 2, 0, 0, 0, 0];
        _server.Reply(AzureSynthesisPath, 200, audio, format == SpeechAudioFormat.Wav ? "audio/x-wav" : "audio/ogg");
        await using var harness = Create(AzureAt(_server.Address));

        var spoken = await harness.Synthesizer.SynthesizeAsync(Awkward, format, CancellationToken.None);

        spoken.Bytes.ShouldBe(audio);
        spoken.ContentType.ShouldBe(contentType);
        spoken.Format.ShouldBe(format);
        var request = _server.RequestsTo(AzureSynthesisPath).ShouldHaveSingleItem();
        request.Header("X-Microsoft-OutputFormat").ShouldBe(outputFormat);
        request.Header("Content-Type").ShouldStartWith("application/ssml+xml");
        request.Header("Ocp-Apim-Subscription-Key").ShouldBe("azure-key-1");
        request.Header("User-Agent").ShouldNotBeEmpty();
        request.Text.ShouldContain("Zoë &amp; &quot;Bob&quot; &lt;b&gt;at&lt;/b&gt; O&apos;Brien&apos;s");
        var ssml = XElement.Parse(request.Text);
        ssml.Name.LocalName.ShouldBe("speak");
        ssml.Attribute(XNamespace.Xml + "lang")!.Value.ShouldBe("en-US");
        var voice = ssml.Elements().ShouldHaveSingleItem();
        voice.Attribute("name")!.Value.ShouldBe("en-US-JennyNeural");
        voice.Value.ShouldBe(Awkward);
    }

    [Fact]
    public async Task Azure_WithATokenRefused_RenewsIt_AndSpeaks()
    {
        _server.Reply(AzureTokenPath, 200, SpeechWire.AzureToken1, "text/plain").Reply(AzureTokenPath, 200, SpeechWire.AzureToken2, "text/plain");
        _server.Reply(AzureSynthesisPath, 401, "").Reply(AzureSynthesisPath, 200, FakeWav(), "audio/x-wav");
        await using var harness = Create(AzureAt(_server.Address, auth: "Token"));

        var spoken = await harness.Synthesizer.SynthesizeAsync("Done.", SpeechAudioFormat.Wav, CancellationToken.None);

        spoken.Bytes.ShouldBe(FakeWav());
        _server.RequestsTo(AzureSynthesisPath)[^1].Header("Authorization").ShouldBe("Bearer " + SpeechWire.AzureToken2);
    }

    [Fact]
    public async Task Azure_Failing_LeavesTheReplyToEspeak()
    {
        _server.Reply(AzureSynthesisPath, 500, "");
        await using var harness = Create(AzureAt(_server.Address, maxRetries: 1));

        var spoken = await harness.Synthesizer.SynthesizeAsync("Your meeting is at noon.", SpeechAudioFormat.Wav, CancellationToken.None);

        AssertWav(spoken);
        _server.RequestsTo(AzureSynthesisPath).Count.ShouldBe(2);
        harness.Logs.Lines.ShouldContain(l => l.Contains("azure", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal));
        harness.Logs.Lines.ShouldAllBe(l => !l.Contains("noon", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Espeak_SpeaksUnicodeAndQuotes_AsAValidWav()
    {
        await using var harness = Create([]);

        var spoken = await harness.Synthesizer.SynthesizeAsync(Awkward, SpeechAudioFormat.Wav, CancellationToken.None);

        AssertWav(spoken);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Espeak_SpeaksUnicodeAndQuotes_AsOggOpus()
    {
        await using var harness = Create([]);

        var spoken = await harness.Synthesizer.SynthesizeAsync(Awkward, SpeechAudioFormat.OggOpus, CancellationToken.None);

        spoken.ContentType.ShouldBe("audio/ogg; codecs=opus");
        spoken.Format.ShouldBe(SpeechAudioFormat.OggOpus);
        spoken.Bytes.AsSpan(0, 4).SequenceEqual("OggS"u8).ShouldBeTrue();
        Encoding.ASCII.GetString(spoken.Bytes, 28, 8).ShouldBe("OpusHead");
        spoken.Bytes.Length.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public async Task Espeak_ReadsTextThatLooksLikeAnOption_AsText()
    {
        var target = Path.Combine(Path.GetTempPath(), $"espeak-{Guid.NewGuid():N}.wav");
        await using var harness = Create([]);

        var spoken = await harness.Synthesizer.SynthesizeAsync($"-w {target} --help", SpeechAudioFormat.Wav, CancellationToken.None);

        AssertWav(spoken);
        File.Exists(target).ShouldBeFalse();
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Espeak_ThatHangs_IsKilledAtItsTimeout()
    {
        var folder = Directory.CreateTempSubdirectory("hanging-espeak-");
        try
        {
            var pidFile = Path.Combine(folder.FullName, "pid");
            var program = Path.Combine(folder.FullName, "espeak-ng");
            await File.WriteAllTextAsync(program, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 30\n");
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await using var harness = Create([new("Voice:Synthesis:EspeakPath", program), new("Voice:Synthesis:Timeout", "00:00:01")]);
            var watch = System.Diagnostics.Stopwatch.StartNew();

            var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Synthesizer.SynthesizeAsync("Hello", SpeechAudioFormat.Wav, CancellationToken.None));

            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
            failure.Message.ShouldContain("took longer than 1 s");
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            await WaitUntilGoneAsync(pid);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 50 && AudioTools.IsRunning(pid); i++)
        {
            await Task.Delay(50);
        }

        AudioTools.IsRunning(pid).ShouldBeFalse("the hanging program still runs");
    }

    [Fact]
    public async Task Espeak_Missing_IsAnEngineFailure()
    {
        await using var harness = Create([new("Voice:Synthesis:EspeakPath", "/nonexistent/espeak-ng")]);

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Synthesizer.SynthesizeAsync("Hello", SpeechAudioFormat.Wav, CancellationToken.None));

        failure.Engine.ShouldBe("espeak-ng");
    }

    /// <summary>A RIFF WAV whose sizes add up, with PCM that is not silence.</summary>
    private static void AssertWav(SpeechAudio spoken)
    {
        spoken.ContentType.ShouldBe("audio/wav");
        spoken.Format.ShouldBe(SpeechAudioFormat.Wav);
        var wav = spoken.Bytes;
        Encoding.ASCII.GetString(wav, 0, 4).ShouldBe("RIFF");
        Encoding.ASCII.GetString(wav, 8, 8).ShouldBe("WAVEfmt ");
        BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)).ShouldBe(wav.Length - 8);
        BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)).ShouldBe((short)1);
        BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)).ShouldBe((short)16);
        Encoding.ASCII.GetString(wav, 36, 4).ShouldBe("data");
        BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)).ShouldBe(wav.Length - 44);
        wav.Length.ShouldBeGreaterThan(10_000);
        var samples = Enumerable.Range(0, (wav.Length - 44) / 2).Select(i => Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (i * 2)))));
        samples.Max().ShouldBeGreaterThan(1000);
    }

    private static byte[] FakeWav() => [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVEfmt "u8, 16, 0, 0, 0, 1, 0, 1, 0, 0x80, 0x3E, 0, 0, 0, 0x7D, 0, 0, 2, 0, 16, 0, .. "data"u8, 0, 0, 0, 0];
}
