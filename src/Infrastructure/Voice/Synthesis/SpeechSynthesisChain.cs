using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Cloud;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Infrastructure.Voice.Synthesis;

/// <summary>
/// The voice the product speaks with: Azure when it is configured, espeak-ng when it is not or when Azure
/// fails (after the HTTP retries, within Azure's timeout). Logs never carry the text.
/// </summary>
internal sealed partial class SpeechSynthesisChain(IReadOnlyList<ISpeechSynthesizer> engines, ILogger<SpeechSynthesisChain> logger) : ISpeechSynthesizer
{
    public string Name => SpeechEngines.Chain;

    public IReadOnlyList<ISpeechSynthesizer> Engines => engines;

    public async Task<SpeechAudio> SynthesizeAsync(string text, SpeechAudioFormat format, CancellationToken cancellationToken)
    {
        for (var i = 0; i < engines.Count - 1; i++)
        {
            try
            {
                return await engines[i].SynthesizeAsync(text, format, cancellationToken);
            }
            catch (SpeechEngineException exception)
            {
                LogFailed(logger, engines[i].Name, exception.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, engines[i].Name, exception.GetType().Name);
            }
        }

        return await engines[^1].SynthesizeAsync(text, format, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech synthesiser {Engine} failed, the next one speaks: {Reason}")]
    private static partial void LogFailed(ILogger logger, string engine, string reason);
}
