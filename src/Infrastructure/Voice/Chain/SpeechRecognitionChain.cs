using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Cloud;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Infrastructure.Voice.Chain;

/// <summary>
/// The recogniser the product uses: the configured cloud engines in order, each within its own timeout and
/// behind its own circuit breaker, then the local engine, which always answers last. The transcript names
/// the engine that answered. Logs say which engine failed and why, never what was said.
/// </summary>
public sealed partial class SpeechRecognitionChain : ISpeechRecognizer
{
    private readonly IReadOnlyList<(ISpeechRecognizer Engine, CircuitBreaker Breaker)> _cloud;
    private readonly ISpeechRecognizer? _local;
    private readonly ILogger<SpeechRecognitionChain> _logger;

    internal SpeechRecognitionChain(
        IReadOnlyList<ISpeechRecognizer> cloud, ISpeechRecognizer? local, SpeechRecognitionOptions options, TimeProvider time, ILogger<SpeechRecognitionChain> logger)
    {
        _cloud = [.. cloud.Select(e => (e, new CircuitBreaker(options.FailuresBeforeBreak, options.BreakDuration, time)))];
        _local = local;
        _logger = logger;
    }

    public string Name => SpeechEngines.Chain;

    /// <summary>The engines in the order they are tried, the local one last.</summary>
    public IReadOnlyList<string> Engines => [.. _cloud.Select(c => c.Engine.Name), .. _local is null ? Array.Empty<string>() : [_local.Name]];

    public async Task<Transcript> RecognizeAsync(PcmAudio audio, RecognitionHints hints, CancellationToken cancellationToken)
    {
        foreach (var (engine, breaker) in _cloud)
        {
            if (!breaker.AllowsCall())
            {
                LogSkipped(_logger, engine.Name);
                continue;
            }

            try
            {
                var transcript = await engine.RecognizeAsync(audio, hints, cancellationToken);
                breaker.Succeeded();
                return transcript;
            }
            catch (SpeechEngineException exception)
            {
                // A refusal that says nothing about the engine's health (audio too long, bad key) does not count.
                if (exception.Transient && breaker.Failed())
                {
                    LogOpened(_logger, engine.Name);
                }

                LogFailed(_logger, engine.Name, exception.Transient, exception.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (breaker.Failed())
                {
                    LogOpened(_logger, engine.Name);
                }

                LogFailed(_logger, engine.Name, true, exception.GetType().Name);
            }
        }

        if (_local is null)
        {
            throw new SpeechEngineException(Name, "every engine failed and no local engine is registered", transient: true);
        }

        if (_cloud.Count > 0)
        {
            LogFellBack(_logger, _local.Name);
        }

        return await _local.RecognizeAsync(audio, hints, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech engine {Engine} failed (transient: {Transient}), trying the next one: {Reason}")]
    private static partial void LogFailed(ILogger logger, string engine, bool transient, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech engine {Engine} keeps failing; its circuit is open and it is skipped for a while")]
    private static partial void LogOpened(ILogger logger, string engine);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Speech engine {Engine} skipped: its circuit is open")]
    private static partial void LogSkipped(ILogger logger, string engine);

    [LoggerMessage(Level = LogLevel.Information, Message = "No cloud speech engine answered; the local engine {Engine} does")]
    private static partial void LogFellBack(ILogger logger, string engine);
}
