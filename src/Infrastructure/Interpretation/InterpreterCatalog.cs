using CleanAssistant.Application.Interpretation;
using CleanAssistant.Application.Interpretation.Llm;
using CleanAssistant.Infrastructure.Interpretation.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Interpretation;

/// <summary>
/// Every interpreter the configuration offers, by name: <c>offline</c>, <c>auto</c> (the configured chain,
/// which is the <see cref="IInterpreter"/> service), and each provider under <c>Interpretation:Providers</c>
/// (that provider, then offline).
/// </summary>
public sealed class InterpreterCatalog
{
    private readonly InterpretationOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly ILlmUsageLedger _ledger;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly Lazy<PromptTemplate> _prompt;

    public InterpreterCatalog(IOptions<InterpretationOptions> options, IHttpClientFactory http, ILlmUsageLedger ledger, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options.Value;
        _http = http;
        _ledger = ledger;
        _time = time;
        _loggers = loggers;
        _prompt = new Lazy<PromptTemplate>(() => PromptTemplate.Load(_options.PromptVersion));
    }

    /// <summary>The names <c>--interpreter</c> accepts.</summary>
    public IReadOnlyList<string> Names => [OfflineInterpreter.InterpreterName, InterpretationOptions.ChainName, .. _options.Providers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The interpreter called <paramref name="name"/>, or null when there is none.</summary>
    public IInterpreter? Find(string name)
    {
        if (string.Equals(name, OfflineInterpreter.InterpreterName, StringComparison.OrdinalIgnoreCase))
        {
            return new OfflineInterpreter();
        }

        if (string.Equals(name, InterpretationOptions.ChainName, StringComparison.OrdinalIgnoreCase))
        {
            return Chain(InterpretationOptions.ChainName, _options.Chain);
        }

        return _options.Providers.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) is { } provider
            ? Chain(provider, [provider])
            : null;
    }

    private InterpreterChain Chain(string name, IEnumerable<string> providers)
    {
        var models = providers
            .Where(p => !string.Equals(p, OfflineInterpreter.InterpreterName, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(Model)
            .ToList();
        return new InterpreterChain(name, models, _options.MonthlyTokenBudgetPerUser, _ledger, _loggers.CreateLogger<InterpreterChain>());
    }

    private LlmInterpreter Model(string name)
    {
        var provider = _options.Providers[name];
        var kind = provider.KindFor(name)!.Value;
        return new LlmInterpreter(
            name,
            provider,
            provider.ModelFor(kind),
            () => CreateChatClient(name, kind, provider),
            _prompt.Value,
            _ledger,
            _time,
            _loggers.CreateLogger<LlmInterpreter>());
    }

    private IChatClient CreateChatClient(string name, LlmProviderKind kind, LlmProviderOptions provider)
    {
        var http = _http.CreateClient(HttpClientName(name));
        return kind switch
        {
            LlmProviderKind.OpenAI => new OpenAiChatClient(http, name, provider, azure: false),
            LlmProviderKind.AzureOpenAI => new OpenAiChatClient(http, name, provider, azure: true),
            LlmProviderKind.Anthropic => new AnthropicChatClient(http, name, provider),
            LlmProviderKind.Ollama => new OllamaChatClient(http, name, provider),
            _ => throw new InvalidOperationException($"Provider '{name}' has no kind."),
        };
    }

    /// <summary>The named HttpClient (with its retry handler) of one provider.</summary>
    internal static string HttpClientName(string provider) => "llm-" + provider.ToLowerInvariant();
}
