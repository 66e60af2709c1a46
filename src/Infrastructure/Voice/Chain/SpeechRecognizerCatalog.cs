using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Chain;

/// <summary>
/// Every recogniser the configuration offers, by name (what <c>--engine</c> accepts): <c>chain</c> (the
/// configured chain, one instance, so its circuit breakers remember), each configured cloud engine, and the
/// engines registered as <see cref="ISpeechRecognizer"/> (the local one).
/// </summary>
public sealed class SpeechRecognizerCatalog : ISpeechToText
{
    private readonly IReadOnlyList<ISpeechRecognizer> _engines;
    private readonly Lazy<SpeechRecognitionChain> _chain;

    public SpeechRecognizerCatalog(IServiceProvider services)
    {
        var registered = services.GetServices<ISpeechRecognizer>();
        var azure = services.GetRequiredService<IOptions<AzureSpeechOptions>>().Value;
        var google = services.GetRequiredService<IOptions<GoogleSpeechOptions>>().Value;
        var options = services.GetRequiredService<IOptions<SpeechRecognitionOptions>>().Value;
        List<ISpeechRecognizer> engines = [];
        if (azure.IsConfigured)
        {
            engines.Add(services.GetRequiredService<AzureSpeechRecognizer>());
        }

        if (google.IsConfigured)
        {
            engines.Add(services.GetRequiredService<GoogleSpeechRecognizer>());
        }

        engines.AddRange(registered.Where(r => !engines.Any(e => Same(e.Name, r.Name))));
        _engines = engines;
        _chain = new Lazy<SpeechRecognitionChain>(() =>
        {
            var local = Find(SpeechEngines.Local);
            var cloud = options.Order
                .Where(name => !Same(name, SpeechEngines.Local))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(name => _engines.FirstOrDefault(e => Same(e.Name, name)))
                .OfType<ISpeechRecognizer>()
                .ToList();
            return new SpeechRecognitionChain(
                cloud,
                local,
                options,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<SpeechRecognitionChain>>());
        });
    }

    /// <summary>The configured chain.</summary>
    public SpeechRecognitionChain Chain => _chain.Value;

    /// <summary>The names <c>--engine</c> accepts.</summary>
    public IReadOnlyList<string> Names => [SpeechEngines.Chain, .. _engines.Select(e => e.Name)];

    /// <summary>The recogniser called <paramref name="name"/>, or null when there is none.</summary>
    public ISpeechRecognizer? Find(string name) =>
        Same(name, SpeechEngines.Chain) ? Chain : _engines.FirstOrDefault(e => Same(e.Name, name));

    IReadOnlyList<string> ISpeechToText.Engines => Names;

    public Task<Transcript> TranscribeAsync(PcmAudio audio, RecognitionHints hints, string? engine, CancellationToken cancellationToken) =>
        (engine is null ? Chain : Find(engine) ?? throw new SpeechEngineException(engine, "No such speech engine.", transient: false))
            .RecognizeAsync(audio, hints, cancellationToken);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
