using System.Collections.Concurrent;
using System.Globalization;
using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Tests.Interpretation;
using CleanAssistant.Infrastructure.Voice.Chain;
using CleanAssistant.Infrastructure.Voice.Cloud;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Tests.Voice.Cloud;

/// <summary>
/// The services AddCloudSpeech registers, with configuration the test gives, a fake local engine standing in
/// for PocketSphinx (registered the way its adapter is: an <see cref="ISpeechRecognizer"/> named pocketsphinx)
/// and every log line captured.
/// </summary>
internal sealed class SpeechHarness : IAsyncDisposable
{
    public const string AzureRecognitionPath = "/speech/recognition/conversation/cognitiveservices/v1";
    public const string AzureSynthesisPath = "/cognitiveservices/v1";
    public const string AzureTokenPath = "/sts/v1.0/issueToken";
    public const string GooglePath = "/v1/speech:recognize";

    private readonly ServiceProvider _services;

    private SpeechHarness(ServiceProvider services, FakeLocalRecognizer local, InterpreterHarness.LogSink logs)
    {
        _services = services;
        Local = local;
        Logs = logs;
    }

    public FakeLocalRecognizer Local { get; }

    public InterpreterHarness.LogSink Logs { get; }

    public SpeechRecognitionChain Chain => _services.GetRequiredService<SpeechRecognitionChain>();

    public SpeechRecognizerCatalog Catalog => _services.GetRequiredService<SpeechRecognizerCatalog>();

    public ISpeechSynthesizer Synthesizer => _services.GetRequiredService<ISpeechSynthesizer>();

    public ISpeechRecognizer Engine(string name) => Catalog.Find(name).ShouldNotBeNull();

    public static SpeechHarness Create(IEnumerable<KeyValuePair<string, string?>> settings, bool withLocal = true, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var local = new FakeLocalRecognizer();
        var logs = new InterpreterHarness.LogSink();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (withLocal)
        {
            services.AddSingleton<ISpeechRecognizer>(local);
        }

        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCloudSpeech(configuration);
        var harness = new SpeechHarness(services.BuildServiceProvider(validateScopes: true), local, logs);
        harness._services.GetService<IStartupValidator>()?.Validate();
        return harness;
    }

    /// <summary>Azure at the fake server, authorised by key or by token.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> AzureAt(Uri server, string auth = "Key", double timeoutSeconds = 10, int maxRetries = 2)
    {
        yield return new("Voice:Azure:Key", "azure-key-1");
        yield return new("Voice:Azure:Auth", auth);
        yield return new("Voice:Azure:RecognitionEndpoint", server.ToString());
        yield return new("Voice:Azure:SynthesisEndpoint", server.ToString());
        yield return new("Voice:Azure:TokenEndpoint", new Uri(server, AzureTokenPath.TrimStart('/')).ToString());
        yield return new("Voice:Azure:Timeout", Seconds(timeoutSeconds));
        yield return new("Voice:Azure:MaxRetries", maxRetries.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Google at the fake server, with an API key unless a service account is given.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> GoogleAt(Uri server, double timeoutSeconds = 10, int maxRetries = 2, string? serviceAccountJson = null, string? model = null)
    {
        yield return serviceAccountJson is null ? new("Voice:Google:ApiKey", "google-key-1") : new("Voice:Google:ServiceAccountJson", serviceAccountJson);
        yield return new("Voice:Google:Endpoint", server.ToString());
        yield return new("Voice:Google:Timeout", Seconds(timeoutSeconds));
        yield return new("Voice:Google:MaxRetries", maxRetries.ToString(CultureInfo.InvariantCulture));
        if (model is not null)
        {
            yield return new("Voice:Google:Model", model);
        }
    }

    public static IEnumerable<KeyValuePair<string, string?>> Engines(params string[] names) =>
        names.Select((n, i) => new KeyValuePair<string, string?>($"Voice:Recognition:Engines:{i}", n));

    public static IEnumerable<KeyValuePair<string, string?>> Breaker(int failures, double breakSeconds = 30)
    {
        yield return new("Voice:Recognition:FailuresBeforeBreak", failures.ToString(CultureInfo.InvariantCulture));
        yield return new("Voice:Recognition:BreakDuration", Seconds(breakSeconds));
    }

    /// <summary>One second of a quiet 440 Hz tone at 16 kHz.</summary>
    public static PcmAudio Tone(double seconds = 1)
    {
        var samples = new short[(int)(seconds * PcmAudio.StandardRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(3000 * Math.Sin(2 * Math.PI * 440 * i / PcmAudio.StandardRate));
        }

        return new PcmAudio(samples);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static string Seconds(double seconds) => TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Stands in for the local engine: always answers, counting its calls.</summary>
    internal sealed class FakeLocalRecognizer : ISpeechRecognizer
    {
        public const string Words = "schedule lunch with alice tomorrow at noon";

        private int _calls;

        public string Name => SpeechEngines.Local;

        public int Calls => _calls;

        public ConcurrentQueue<RecognitionHints> Hints { get; } = new();

        public Task<Transcript> RecognizeAsync(PcmAudio audio, RecognitionHints hints, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Hints.Enqueue(hints);
            return Task.FromResult(new Transcript(Words, Name, 0.5));
        }
    }
}

/// <summary>Answers as the services document them.</summary>
internal static class SpeechWire
{
    /// <summary>Azure short-audio, <c>format=detailed</c>, RecognitionStatus Success.</summary>
    public const string AzureSuccess = """
        {"RecognitionStatus":"Success","Offset":1800000,"Duration":27000000,
         "NBest":[{"Confidence":0.9052885,"Lexical":"move my dentist appointment to friday at three","ITN":"move my dentist appointment to friday at 3","MaskedITN":"move my dentist appointment to friday at 3","Display":"Move my dentist appointment to Friday at 3."},
                  {"Confidence":0.71,"Lexical":"move my dentist appointments to friday at three","ITN":"x","MaskedITN":"x","Display":"x"}]}
        """;

    public static string AzureStatus(string status) => $$"""{"RecognitionStatus":"{{status}}","Offset":0,"Duration":0}""";

    /// <summary>A token from <c>issueToken</c> is a JWT, as plain text.</summary>
    public const string AzureToken1 = "eyJhbGciOiJIUzI1NiJ9.eyJyZWdpb24iOiJ3ZXN0ZXVyb3BlIn0.token-one";
    public const string AzureToken2 = "eyJhbGciOiJIUzI1NiJ9.eyJyZWdpb24iOiJ3ZXN0ZXVyb3BlIn0.token-two";

    public const string AzureError = """{"error":{"code":"InternalServerError","message":"An internal error occurred."}}""";

    public const string GoogleSuccess = """
        {"results":[
          {"alternatives":[{"transcript":"schedule lunch with Siobhan","confidence":0.92},{"transcript":"schedule lunch with shivon","confidence":0.4}],"resultEndTime":"1.900s","languageCode":"en-us"},
          {"alternatives":[{"transcript":" tomorrow at noon","confidence":0.88}],"resultEndTime":"3.100s","languageCode":"en-us"}],
         "totalBilledTime":"4s","requestId":"6529357716455735744"}
        """;

    public const string GoogleNoSpeech = """{"totalBilledTime":"1s","requestId":"1234"}""";

    public static string GoogleError(int code, string status, string message) =>
        $$$"""{"error":{"code":{{{code}}},"message":"{{{message}}}","status":"{{{status}}}"}}""";
}
