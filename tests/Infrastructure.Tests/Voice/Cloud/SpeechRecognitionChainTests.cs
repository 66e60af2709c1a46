using System.Diagnostics;
using System.Globalization;
using CleanAssistant.Application.Voice;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CleanAssistant.Infrastructure.Tests.Voice.Cloud.SpeechHarness;

namespace CleanAssistant.Infrastructure.Tests.Voice.Cloud;

/// <summary>
/// What the chain does when cloud engines misbehave: bounded retries, per-engine timeouts, circuit breakers
/// that stop sending to a failing engine, and the local engine answering last, always.
/// </summary>
public sealed class SpeechRecognitionChainTests : IAsyncLifetime
{
    private FakeSpeechServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSpeechServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FirstCloudEngine_Answers_AndTheTranscriptNamesIt()
    {
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create([.. AzureAt(_server.Address), .. GoogleAt(_server.Address), .. Engines("azure", "google", "pocketsphinx")]);

        var transcript = await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Engine.ShouldBe("azure");
        harness.Chain.Engines.ShouldBe(["azure", "google", "pocketsphinx"]);
        _server.RequestsTo(GooglePath).ShouldBeEmpty();
        harness.Local.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task EnginesAreTriedInTheConfiguredOrder_AndTheLocalEngineIsLast_WhereverItIsListed()
    {
        _server.Reply(GooglePath, 403, SpeechWire.GoogleError(403, "PERMISSION_DENIED", "denied"));
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create([.. AzureAt(_server.Address), .. GoogleAt(_server.Address), .. Engines("pocketsphinx", "google", "azure")]);

        var transcript = await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Engine.ShouldBe("azure");
        harness.Chain.Engines.ShouldBe(["google", "azure", "pocketsphinx"]);
        _server.Requests.Select(r => r.Path).ShouldBe([GooglePath, AzureRecognitionPath]);
        harness.Logs.Lines.ShouldContain(l => l.Contains("google", StringComparison.Ordinal) && l.Contains("403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocalEngine_IsInTheChain_EvenWhenNotListed_AndUnconfiguredCloudEnginesAreNot()
    {
        await using var harness = Create([.. GoogleAt(_server.Address), .. Engines("azure", "google")]);

        harness.Chain.Engines.ShouldBe(["google", "pocketsphinx"]);
        harness.Catalog.Find("azure").ShouldBeNull();
        harness.Catalog.Names.ShouldBe(["chain", "google", "pocketsphinx"]);
    }

    [Fact]
    public async Task WithoutAnEngineList_AzureThenGoogleAreTried()
    {
        await using var harness = Create([.. GoogleAt(_server.Address), .. AzureAt(_server.Address)]);

        harness.Chain.Engines.ShouldBe(["azure", "google", "pocketsphinx"]);
    }

    [Fact]
    public async Task WithNoCloudConfiguration_TheLocalEngineAnswers_AndNothingIsSent()
    {
        await using var harness = Create([]);

        var transcript = await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.ShouldBe(new Transcript(FakeLocalRecognizer.Words, "pocketsphinx", 0.5));
        harness.Chain.Engines.ShouldBe(["pocketsphinx"]);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task CloudServerErrors_AreRetried_ThenTheLocalEngineAnswers_WithTheSameHints()
    {
        _server.Reply(AzureRecognitionPath, 500, SpeechWire.AzureError);
        await using var harness = Create([.. AzureAt(_server.Address, maxRetries: 2), .. Engines("azure")]);
        var hints = new RecognitionHints(["Siobhan"]);

        var transcript = await harness.Chain.RecognizeAsync(Tone(), hints, CancellationToken.None);

        transcript.Engine.ShouldBe("pocketsphinx");
        _server.RequestsTo(AzureRecognitionPath).Count.ShouldBe(3);
        harness.Local.Hints.ShouldHaveSingleItem().ShouldBeSameAs(hints);
        harness.Logs.Lines.ShouldContain(l => l.Contains("azure", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CircuitOpensAfterTheConfiguredFailures_AndTheNextCallSendsNothing()
    {
        _server.Reply(AzureRecognitionPath, 503, SpeechWire.AzureError);
        await using var harness = Create([.. AzureAt(_server.Address, maxRetries: 0), .. Engines("azure"), .. Breaker(failures: 2)]);

        await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);
        await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);
        _server.Requests.Count.ShouldBe(2);
        var watch = Stopwatch.StartNew();

        var transcript = await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Engine.ShouldBe("pocketsphinx");
        _server.Requests.Count.ShouldBe(2);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(500));
        harness.Local.Calls.ShouldBe(3);
        harness.Logs.Lines.ShouldContain(l => l.Contains("circuit is open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenCircuit_IsTriedAgainAfterTheBreak_AndClosesWhenTheEngineAnswers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T08:00:00Z", CultureInfo.InvariantCulture));
        _server.Reply(AzureRecognitionPath, 500, SpeechWire.AzureError).Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create([.. AzureAt(_server.Address, maxRetries: 0), .. Engines("azure"), .. Breaker(failures: 1, breakSeconds: 30)], time: time);

        (await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None)).Engine.ShouldBe("pocketsphinx");
        time.Advance(TimeSpan.FromSeconds(29));
        (await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None)).Engine.ShouldBe("pocketsphinx");
        _server.Requests.Count.ShouldBe(1);
        time.Advance(TimeSpan.FromSeconds(2));

        (await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None)).Engine.ShouldBe("azure");
        (await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None)).Engine.ShouldBe("azure");
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task OpenCircuit_SkipsOnlyThatEngine_TheNextCloudEngineStillAnswers()
    {
        _server.Reply(AzureRecognitionPath, 500, SpeechWire.AzureError);
        _server.Reply(GooglePath, 200, SpeechWire.GoogleSuccess);
        await using var harness = Create([.. AzureAt(_server.Address, maxRetries: 0), .. GoogleAt(_server.Address), .. Engines("azure", "google"), .. Breaker(failures: 1)]);

        var first = await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);
        var second = await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        first.Engine.ShouldBe("google");
        second.Engine.ShouldBe("google");
        _server.RequestsTo(AzureRecognitionPath).Count.ShouldBe(1);
        _server.RequestsTo(GooglePath).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RefusalsThatSayNothingAboutHealth_DoNotOpenTheCircuit()
    {
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess);
        await using var harness = Create([.. AzureAt(_server.Address), .. Engines("azure"), .. Breaker(failures: 1)]);

        (await harness.Chain.RecognizeAsync(Tone(61), RecognitionHints.None, CancellationToken.None)).Engine.ShouldBe("pocketsphinx");
        (await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None)).Engine.ShouldBe("azure");
    }

    [Fact]
    public async Task HangingEngine_TimesOut_AndTheChainFallsOverWithinItsTimeout()
    {
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess, delay: TimeSpan.FromSeconds(30));
        await using var harness = Create([.. AzureAt(_server.Address, timeoutSeconds: 1), .. Engines("azure")]);
        var watch = Stopwatch.StartNew();

        var transcript = await harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Engine.ShouldBe("pocketsphinx");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        harness.Logs.Lines.ShouldContain(l => l.Contains("no answer within 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallerCancellation_IsNotAFailover()
    {
        _server.Reply(AzureRecognitionPath, 200, SpeechWire.AzureSuccess, delay: TimeSpan.FromSeconds(30));
        await using var harness = Create([.. AzureAt(_server.Address), .. Engines("azure")]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, cancel.Token));

        harness.Local.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Logs_NeverCarryTheTranscriptOrTheHints()
    {
        _server.Reply(GooglePath, 200, SpeechWire.GoogleSuccess);
        _server.Reply(AzureRecognitionPath, 500, SpeechWire.AzureError);
        await using var harness = Create([.. AzureAt(_server.Address, maxRetries: 0), .. GoogleAt(_server.Address), .. Engines("azure", "google")]);

        await harness.Chain.RecognizeAsync(Tone(), new RecognitionHints(["Siobhan"]), CancellationToken.None);

        harness.Logs.Lines.ShouldNotBeEmpty();
        harness.Logs.Lines.ShouldAllBe(l => !l.Contains("Siobhan", StringComparison.OrdinalIgnoreCase) && !l.Contains("lunch", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WithoutALocalEngine_EveryFailure_IsReported()
    {
        _server.Reply(AzureRecognitionPath, 500, SpeechWire.AzureError);
        await using var harness = Create([.. AzureAt(_server.Address, maxRetries: 0), .. Engines("azure")], withLocal: false);

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Chain.RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Engine.ShouldBe("chain");
    }

    [Theory]
    [InlineData("Voice:Recognition:Engines:0", "watson", "Voice:Recognition:Engines names 'watson'")]
    [InlineData("Voice:Recognition:FailuresBeforeBreak", "0", "Voice:Recognition:FailuresBeforeBreak")]
    [InlineData("Voice:Azure:Key", "k", "Voice:Azure:Region is required")]
    [InlineData("Voice:Google:ServiceAccountJson", "{\"type\":\"authorized_user\"}", "Voice:Google:ServiceAccountJson must be a service account key")]
    public void BadConfiguration_FailsAtStart_NamingTheKey(string key, string value, string message)
    {
        var failure = Should.Throw<OptionsValidationException>(() => Create([new(key, value)]));

        failure.Message.ShouldContain(message);
    }
}
