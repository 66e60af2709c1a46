using System.Buffers.Binary;
using System.Globalization;
using CleanAssistant.Application.Voice;
using Microsoft.Extensions.Time.Testing;
using static CleanAssistant.Infrastructure.Tests.Voice.Cloud.SpeechHarness;

namespace CleanAssistant.Infrastructure.Tests.Voice.Cloud;

/// <summary>Azure Speech's short-audio REST API, against a fake that answers what the real one answers.</summary>
public sealed class AzureSpeechRecognizerTests : IAsyncLifetime
{
    private FakeSpeechServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSpeechServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Success_ReturnsTheBestLexicalForm_FromAWavOfThePcm()
    {
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create(AzureAt(_server.Address));
        var audio = Tone(1.5);

        var transcript = await harness.Engine("azure").RecognizeAsync(audio, new RecognitionHints(["Dr Okafor"], "en-GB"), CancellationToken.None);

        transcript.ShouldBe(new Transcript("move my dentist appointment to friday at three", "azure", 0.9052885));
        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Query.ShouldBe("?language=en-GB&format=detailed");
        request.Header("Content-Type").ShouldBe("audio/wav; codecs=audio/pcm; samplerate=16000");
        request.Header("Ocp-Apim-Subscription-Key").ShouldBe("azure-key-1");
        request.Header("Authorization").ShouldBeEmpty();
        request.Body.Length.ShouldBe(44 + (audio.Samples.Length * 2));
        request.Body.AsSpan(0, 4).SequenceEqual("RIFF"u8).ShouldBeTrue();
        request.Body.AsSpan(8, 8).SequenceEqual("WAVEfmt "u8).ShouldBeTrue();
        BinaryPrimitives.ReadInt32LittleEndian(request.Body.AsSpan(24)).ShouldBe(16_000);
        BinaryPrimitives.ReadInt16LittleEndian(request.Body.AsSpan(44 + 200)).ShouldBe(audio.Samples.Span[100]);
    }

    [Theory]
    [InlineData("NoMatch")]
    [InlineData("InitialSilenceTimeout")]
    public async Task NoSpeech_GivesEmptyText(string status)
    {
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureStatus(status));
        await using var harness = Create(AzureAt(_server.Address));

        var transcript = await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Text.ShouldBeEmpty();
        transcript.Engine.ShouldBe("azure");
    }

    [Theory]
    [InlineData("BabbleTimeout", false)]
    [InlineData("Error", true)]
    public async Task FailedRecognition_IsAnEngineFailure(string status, bool transient)
    {
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureStatus(status));
        await using var harness = Create(AzureAt(_server.Address));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBe(transient);
        failure.Message.ShouldContain(status);
    }

    [Fact]
    public async Task TokenAuth_FetchesOneToken_AndReusesIt()
    {
        _server.Reply(AzureTokenPath, 200, SpeechWire.AzureToken1, "text/plain");
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create(AzureAt(_server.Address, auth: "Token"));

        await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);
        await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        var token = _server.RequestsTo(AzureTokenPath).ShouldHaveSingleItem();
        token.Method.ShouldBe("POST");
        token.Header("Ocp-Apim-Subscription-Key").ShouldBe("azure-key-1");
        var recognitions = _server.RequestsTo(AzureRecognitionPath);
        recognitions.Count.ShouldBe(2);
        recognitions.ShouldAllBe(r => r.Header("Authorization") == "Bearer " + SpeechWire.AzureToken1 && !r.Headers.ContainsKey("Ocp-Apim-Subscription-Key"));
    }

    [Fact]
    public async Task TokenAuth_RenewsTheTokenAfterNineMinutes_BeforeItExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T08:00:00Z", CultureInfo.InvariantCulture));
        _server.Reply(AzureTokenPath, 200, SpeechWire.AzureToken1, "text/plain").Reply(AzureTokenPath, 200, SpeechWire.AzureToken2, "text/plain");
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create(AzureAt(_server.Address, auth: "Token"), time: time);

        await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(8.5));
        await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        _server.RequestsTo(AzureTokenPath).Count.ShouldBe(2);
        _server.RequestsTo(AzureRecognitionPath).Select(r => r.Header("Authorization"))
            .ShouldBe(["Bearer " + SpeechWire.AzureToken1, "Bearer " + SpeechWire.AzureToken1, "Bearer " + SpeechWire.AzureToken2]);
    }

    [Fact]
    public async Task TokenAuth_WhenTheTokenIsRefused_RenewsItOnce_AndRecognises()
    {
        _server.Reply(AzureTokenPath, 200, SpeechWire.AzureToken1, "text/plain").Reply(AzureTokenPath, 200, SpeechWire.AzureToken2, "text/plain");
        _server.Reply(AzureRecognitionPath, 401, """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}""")
            .Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create(AzureAt(_server.Address, auth: "Token"));

        var transcript = await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Text.ShouldStartWith("move my dentist");
        _server.RequestsTo(AzureTokenPath).Count.ShouldBe(2);
        _server.RequestsTo(AzureRecognitionPath).Select(r => r.Header("Authorization"))
            .ShouldBe(["Bearer " + SpeechWire.AzureToken1, "Bearer " + SpeechWire.AzureToken2]);
    }

    [Fact]
    public async Task TokenAuth_RefusedTwice_FailsWithoutRetryingForever()
    {
        _server.Reply(AzureTokenPath, 200, SpeechWire.AzureToken1, "text/plain");
        _server.Reply(AzureRecognitionPath, 401, """{"error":{"code":"401","message":"Access denied."}}""");
        await using var harness = Create(AzureAt(_server.Address, auth: "Token"));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("401");
        _server.RequestsTo(AzureRecognitionPath).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RateLimited_WithAShortRetryAfter_IsRetried()
    {
        _server.Reply(AzureRecognitionPath, 429, """{"error":{"code":"429","message":"Too many requests."}}""", headers: [("Retry-After", "1")])
            .Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create(AzureAt(_server.Address, timeoutSeconds: 10));

        var transcript = await harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Engine.ShouldBe("azure");
        _server.RequestsTo(AzureRecognitionPath).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RateLimited_WithARetryAfterBeyondTheTimeout_FailsAtOnce_AsTransient()
    {
        _server.Reply(AzureRecognitionPath, 429, """{"error":{"code":"429","message":"Too many requests."}}""", headers: [("Retry-After", "120")])
            .Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create(AzureAt(_server.Address, timeoutSeconds: 20));
        var started = DateTime.UtcNow;

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("429");
        _server.RequestsTo(AzureRecognitionPath).Count.ShouldBe(1);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ServerErrors_AreRetriedABoundedNumberOfTimes_ThenFailAsTransient()
    {
        _server.Reply(AzureRecognitionPath, 500, SpeechWire.AzureError);
        await using var harness = Create(AzureAt(_server.Address, maxRetries: 2));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("azure").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeTrue();
        failure.Engine.ShouldBe("azure");
        _server.RequestsTo(AzureRecognitionPath).Count.ShouldBe(3);
    }

    [Fact]
    public async Task AudioLongerThanAMinute_IsNotSent_AndIsNotTransient()
    {
        await using var harness = Create(AzureAt(_server.Address));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("azure").RecognizeAsync(Tone(61), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        _server.Requests.ShouldBeEmpty();
    }
}
