using System.Collections.Concurrent;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Application.Interpretation.Llm;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Interpretation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Interpretation;

/// <summary>
/// Infrastructure's interpretation services as AddInfrastructure registers them, with configuration the test
/// gives, a ledger kept in memory (the database tests use the real one) and every log line captured.
/// </summary>
internal sealed class InterpreterHarness : IAsyncDisposable
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private readonly ServiceProvider _services;

    private InterpreterHarness(ServiceProvider services, MemoryLedger ledger, LogSink logs)
    {
        _services = services;
        Ledger = ledger;
        Logs = logs;
    }

    public MemoryLedger Ledger { get; }

    public LogSink Logs { get; }

    public IInterpreter Chain => _services.GetRequiredService<IInterpreter>();

    public InterpreterCatalog Catalog => _services.GetRequiredService<InterpreterCatalog>();

    public static InterpreterHarness Create(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var ledger = new MemoryLedger();
        var logs = new LogSink();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddInfrastructure(configuration);
        services.AddSingleton<ILlmUsageLedger>(ledger);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var harness = new InterpreterHarness(services.BuildServiceProvider(validateScopes: true), ledger, logs);
        harness._services.GetService<IStartupValidator>()?.Validate();
        return harness;
    }

    /// <summary>Settings for one provider called <paramref name="name"/> at <paramref name="endpoint"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Provider(
        string name, Uri endpoint, string? kind = null, double timeoutSeconds = 10, int maxRetries = 2, IEnumerable<(string Key, string Value)>? extra = null)
    {
        var prefix = $"Interpretation:Providers:{name}:";
        yield return new(prefix + "Endpoint", endpoint.ToString());
        yield return new(prefix + "ApiKey", "sk-test-" + name);
        yield return new(prefix + "Model", name + "-model");
        yield return new(prefix + "Timeout", TimeSpan.FromSeconds(timeoutSeconds).ToString("c"));
        yield return new(prefix + "MaxRetries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (kind is not null)
        {
            yield return new(prefix + "Kind", kind);
        }

        foreach (var (key, value) in extra ?? [])
        {
            yield return new(prefix + key, value);
        }
    }

    public static IEnumerable<KeyValuePair<string, string?>> ChainOf(params string[] names) =>
        names.Select((n, i) => new KeyValuePair<string, string?>($"Interpretation:Chain:{i}", n));

    /// <summary>An utterance said on Saturday 31 October 2026, 10:00 in New York (EDT, the day before clocks go back).</summary>
    public static InterpretationRequest Request(string text, UserId? user = null) =>
        new(text, new LocalDateTime(2026, 10, 31, 10, 0), NewYork) { UserId = user };

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    internal sealed class MemoryLedger : ILlmUsageLedger
    {
        public ConcurrentQueue<LlmUsage> Records { get; } = new();

        public ValueTask RecordAsync(LlmUsage usage, CancellationToken cancellationToken)
        {
            Records.Enqueue(usage);
            return ValueTask.CompletedTask;
        }

        public ValueTask<long> TokensThisMonthAsync(UserId userId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Records.Where(r => r.UserId == userId).Sum(r => r.InputTokens + r.OutputTokens));
    }

    /// <summary>Every formatted log line, to check what is (and is not) logged.</summary>
    internal sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Lines.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}");
        }
    }
}
