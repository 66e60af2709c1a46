using CleanAssistant.Application.Common.Exceptions;

namespace CleanAssistant.Application.Voice;

/// <summary>
/// Audio that cannot be used: <c>AUDIO_UNSUPPORTED</c> (not a format we read), <c>AUDIO_INVALID</c> (broken),
/// <c>AUDIO_TOO_LARGE</c>, <c>AUDIO_TOO_LONG</c>, <c>AUDIO_TIMEOUT</c> (decoding took too long), <c>AUDIO_EMPTY</c>.
/// </summary>
public sealed class AudioException(string code, string message, Exception? innerException = null) : AppException(code, message, innerException);

/// <summary>A speech engine failed; the chain tries the next one. <see cref="Transient"/>: worth retrying (429, 5xx, timeout).</summary>
public sealed class SpeechEngineException(string engine, string message, bool transient, Exception? innerException = null)
    : AppException("SPEECH_ENGINE_FAILED", $"{engine}: {message}", innerException)
{
    public string Engine { get; } = engine;

    public bool Transient { get; } = transient;
}
