using CleanAssistant.Application.Interpretation;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Interpretation;

/// <summary>Which interpreters answer, in which order, and what each language model provider needs (section <c>Interpretation</c>).</summary>
public sealed class InterpretationOptions
{
    public const string SectionName = "Interpretation";

    /// <summary>The name the chain answers to (<c>--interpreter auto</c>).</summary>
    public const string ChainName = "auto";

    /// <summary>Provider names tried in order; <c>offline</c> is always tried last, whether listed or not. Empty: offline only.</summary>
    public List<string> Chain { get; init; } = [];

    /// <summary>Input plus output tokens one user may spend a calendar month (UTC); past it the user gets the offline interpreter. 0: unlimited.</summary>
    public long MonthlyTokenBudgetPerUser { get; init; }

    /// <summary>The prompt file to use (<c>Interpretation/Prompts/interpret.v1.md</c>).</summary>
    public string PromptVersion { get; init; } = "interpret.v1";

    /// <summary>The language model providers, by the name the chain uses.</summary>
    public Dictionary<string, LlmProviderOptions> Providers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The wire format a provider speaks.</summary>
public enum LlmProviderKind
{
    /// <summary>Taken from the provider's name: openai, azure-openai (or azure), anthropic, ollama.</summary>
    Auto,
    OpenAI,
    AzureOpenAI,
    Anthropic,
    Ollama,
}

/// <summary>One language model provider.</summary>
public sealed class LlmProviderOptions
{
    /// <summary>The wire format; by default taken from the provider's name.</summary>
    public LlmProviderKind Kind { get; init; }

    /// <summary>The base address. Defaults: OpenAI <c>https://api.openai.com/v1/</c>, Anthropic <c>https://api.anthropic.com/</c>, Ollama <c>http://localhost:11434/</c>; Azure has none (the resource's address).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The key (OpenAI: bearer token; Azure: <c>api-key</c>; Anthropic: <c>x-api-key</c>). Ollama needs none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model name (for Azure OpenAI, informational: the deployment decides).</summary>
    public string? Model { get; init; }

    /// <summary>Azure OpenAI: the deployment name.</summary>
    public string? Deployment { get; init; }

    /// <summary>Azure OpenAI: the <c>api-version</c> query value; Anthropic: the <c>anthropic-version</c> header.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>How long one interpretation may take with this provider, retries and waits included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a 5xx or a 429 is retried within the timeout.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Output tokens the model may use for one answer.</summary>
    public int MaxOutputTokens { get; init; } = 512;

    /// <summary>The kind, with <see cref="LlmProviderKind.Auto"/> resolved from <paramref name="name"/>; null when the name says none.</summary>
    public LlmProviderKind? KindFor(string name) => Kind != LlmProviderKind.Auto ? Kind : name.ToUpperInvariant() switch
    {
        "OPENAI" => LlmProviderKind.OpenAI,
        "AZURE" or "AZURE-OPENAI" or "AZUREOPENAI" => LlmProviderKind.AzureOpenAI,
        "ANTHROPIC" => LlmProviderKind.Anthropic,
        "OLLAMA" => LlmProviderKind.Ollama,
        _ => null,
    };

    /// <summary>The endpoint, or the provider's public default.</summary>
    public Uri? EndpointFor(LlmProviderKind kind) => Endpoint ?? kind switch
    {
        LlmProviderKind.OpenAI => new Uri("https://api.openai.com/v1/"),
        LlmProviderKind.Anthropic => new Uri("https://api.anthropic.com/"),
        LlmProviderKind.Ollama => new Uri("http://localhost:11434/"),
        _ => null,
    };

    /// <summary>What is recorded as the model: the deployment for Azure, else the model.</summary>
    public string ModelFor(LlmProviderKind kind) => (kind == LlmProviderKind.AzureOpenAI ? Deployment : Model) ?? "";
}

/// <summary>Fails start-up with one message per mistake, naming the configuration key.</summary>
internal sealed class InterpretationOptionsValidator : IValidateOptions<InterpretationOptions>
{
    public ValidateOptionsResult Validate(string? name, InterpretationOptions options)
    {
        var failures = new List<string>();
        var section = InterpretationOptions.SectionName;
        if (options.MonthlyTokenBudgetPerUser < 0)
        {
            failures.Add($"{section}:MonthlyTokenBudgetPerUser must be 0 (unlimited) or more.");
        }

        if (!PromptTemplate.Exists(options.PromptVersion))
        {
            failures.Add($"{section}:PromptVersion '{options.PromptVersion}' has no prompt file (known: {string.Join(", ", PromptTemplate.Versions)}).");
        }

        foreach (var entry in options.Chain)
        {
            if (!string.Equals(entry, OfflineInterpreter.InterpreterName, StringComparison.OrdinalIgnoreCase) && !options.Providers.ContainsKey(entry))
            {
                failures.Add($"{section}:Chain names '{entry}', which is neither 'offline' nor a provider under {section}:Providers.");
            }
        }

        foreach (var (providerName, provider) in options.Providers)
        {
            var key = $"{section}:Providers:{providerName}";
            if (string.Equals(providerName, OfflineInterpreter.InterpreterName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(providerName, InterpretationOptions.ChainName, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{key}: '{providerName}' is a reserved interpreter name.");
                continue;
            }

            if (provider.KindFor(providerName) is not { } kind)
            {
                failures.Add($"{key}:Kind is required when the name is not openai, azure-openai, anthropic or ollama (one of: OpenAI, AzureOpenAI, Anthropic, Ollama).");
                continue;
            }

            if (provider.EndpointFor(kind) is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{key}:Endpoint must be an absolute http(s) address.");
            }

            if (kind != LlmProviderKind.Ollama && string.IsNullOrWhiteSpace(provider.ApiKey))
            {
                failures.Add($"{key}:ApiKey is required for {kind}.");
            }

            if (kind == LlmProviderKind.AzureOpenAI)
            {
                if (string.IsNullOrWhiteSpace(provider.Deployment))
                {
                    failures.Add($"{key}:Deployment is required for AzureOpenAI.");
                }

                if (string.IsNullOrWhiteSpace(provider.ApiVersion))
                {
                    failures.Add($"{key}:ApiVersion is required for AzureOpenAI (e.g. 2024-10-21).");
                }
            }
            else if (string.IsNullOrWhiteSpace(provider.Model))
            {
                failures.Add($"{key}:Model is required for {kind}.");
            }

            if (provider.Timeout <= TimeSpan.Zero || provider.Timeout > TimeSpan.FromMinutes(5))
            {
                failures.Add($"{key}:Timeout must be more than 0 and at most 5 minutes.");
            }

            if (provider.MaxRetries is < 0 or > 10)
            {
                failures.Add($"{key}:MaxRetries must be between 0 and 10.");
            }

            if (provider.MaxOutputTokens is < 16 or > 32_000)
            {
                failures.Add($"{key}:MaxOutputTokens must be between 16 and 32000.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
