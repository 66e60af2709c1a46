using Microsoft.Extensions.Logging;

namespace CleanAssistant.Application.Tests.Support;

/// <summary>Keeps every log entry: the rendered message, its structured values and the exception.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public List<LogEntry> Entries { get; } = [];

    /// <summary>Everything a log sink could write, as one string.</summary>
    public string AllText => string.Join(Environment.NewLine, Entries.Select(e => e.ToString()));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString())
            : [];
        Entries.Add(new LogEntry(logLevel, formatter(state, exception), values, exception));
    }
}

internal sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Values, Exception? Exception)
{
    public override string ToString() =>
        $"{Level} {Message} {string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"))} {Exception}";
}
