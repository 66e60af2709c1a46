using CleanAssistant.Application.Interpretation;
using CleanAssistant.Application.Interpretation.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CleanAssistant.Infrastructure.Interpretation;

internal static class InterpretationServices
{
    /// <summary>
    /// The interpreter chain as THE <see cref="IInterpreter"/>, the catalog behind <c>--interpreter</c>, the usage
    /// ledger, and one HttpClient per configured provider with bounded retries (5xx, and 429 when its Retry-After
    /// fits in what is left of the provider's timeout). Without providers the chain is the offline interpreter.
    /// </summary>
    public static IServiceCollection AddInterpretation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InterpretationOptions>().BindConfiguration(InterpretationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InterpretationOptions>, InterpretationOptionsValidator>();
        services.AddSingleton<ILlmUsageLedger, EfLlmUsageLedger>();
        services.AddHttpClient();
        services.AddSingleton<InterpreterCatalog>();
        services.AddSingleton<IInterpreter>(sp => sp.GetRequiredService<InterpreterCatalog>().Find(InterpretationOptions.ChainName)!);

        // The client names must be known now; their settings are read (validated) when first used.
        var providers = configuration.GetSection($"{InterpretationOptions.SectionName}:Providers").GetChildren().Select(c => c.Key);
        foreach (var provider in providers)
        {
            services.AddHttpClient(InterpreterCatalog.HttpClientName(provider), client => client.Timeout = Timeout.InfiniteTimeSpan)
                .AddResilienceHandler("llm-retry", (builder, context) =>
                {
                    var options = context.ServiceProvider.GetRequiredService<IOptions<InterpretationOptions>>().Value.Providers[provider];
                    var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                    if (options.MaxRetries > 0)
                    {
                        builder.AddRetry(new HttpRetryStrategyOptions
                        {
                            MaxRetryAttempts = options.MaxRetries,
                            Delay = TimeSpan.FromMilliseconds(250),
                            BackoffType = DelayBackoffType.Exponential,
                            UseJitter = true,
                            ShouldRetryAfterHeader = true,
                            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, time)),
                        });
                    }
                });
        }

        return services;
    }

    /// <summary>Network failures and 5xx are retried; a 429 only when its Retry-After ends before the interpretation's deadline.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeProvider time)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status == 429)
        {
            var retryAfter = response.Headers.RetryAfter;
            var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
            return LlmDeadline.Remaining(time) is not { } remaining || wait < remaining;
        }

        return status >= 500 || status == 408;
    }
}
