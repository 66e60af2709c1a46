using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Chain;
using CleanAssistant.Infrastructure.Voice.Synthesis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CleanAssistant.Infrastructure.Voice.Cloud;

public static class CloudSpeechServices
{
    internal const string AzureClient = "speech-azure";
    internal const string GoogleClient = "speech-google";

    /// <summary>
    /// Cloud speech: the Azure and Google recognisers (each only when its credentials are configured, under
    /// <c>Voice:Azure</c> and <c>Voice:Google</c>), the <see cref="SpeechRecognitionChain"/> (<c>Voice:Recognition</c>:
    /// cloud engines in order behind circuit breakers, then the local <see cref="ISpeechRecognizer"/> named
    /// <c>pocketsphinx</c>, registered elsewhere), the <see cref="SpeechRecognizerCatalog"/> behind <c>--engine</c>,
    /// and THE <see cref="ISpeechSynthesizer"/> (Azure when configured, then espeak-ng; <c>Voice:Synthesis</c>).
    /// Each cloud HttpClient retries 5xx and network failures, and a 429 only when its Retry-After ends within the
    /// call's timeout. The chain reads every registered <see cref="ISpeechRecognizer"/>, so it must not itself be
    /// registered as one: resolve <see cref="SpeechRecognitionChain"/> (or the catalog) instead.
    /// </summary>
    public static IServiceCollection AddCloudSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AzureSpeechOptions>().BindConfiguration(AzureSpeechOptions.SectionName).ValidateOnStart();
        services.AddOptions<GoogleSpeechOptions>().BindConfiguration(GoogleSpeechOptions.SectionName).ValidateOnStart();
        services.AddOptions<SpeechRecognitionOptions>().BindConfiguration(SpeechRecognitionOptions.SectionName).ValidateOnStart();
        services.AddOptions<SpeechSynthesisOptions>().BindConfiguration(SpeechSynthesisOptions.SectionName).ValidateOnStart();
        services.AddSingleton<CloudSpeechOptionsValidator>();
        services.AddSingleton<IValidateOptions<AzureSpeechOptions>>(sp => sp.GetRequiredService<CloudSpeechOptionsValidator>());
        services.AddSingleton<IValidateOptions<GoogleSpeechOptions>>(sp => sp.GetRequiredService<CloudSpeechOptionsValidator>());
        services.AddSingleton<IValidateOptions<SpeechRecognitionOptions>>(sp => sp.GetRequiredService<CloudSpeechOptionsValidator>());
        services.AddSingleton<IValidateOptions<SpeechSynthesisOptions>, SpeechSynthesisOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<AzureSpeechCredentials>();
        services.AddSingleton<AzureSpeechRecognizer>();
        services.AddSingleton<GoogleSpeechRecognizer>();
        services.AddSingleton<SpeechRecognizerCatalog>();
        services.AddSingleton<ISpeechToText>(sp => sp.GetRequiredService<SpeechRecognizerCatalog>());
        services.AddSingleton(sp => sp.GetRequiredService<SpeechRecognizerCatalog>().Chain);

        services.AddSingleton<AzureSpeechSynthesizer>();
        services.AddSingleton<EspeakSynthesizer>();
        services.AddSingleton<ISpeechSynthesizer>(sp => new SpeechSynthesisChain(
            sp.GetRequiredService<IOptions<AzureSpeechOptions>>().Value.IsConfigured
                ? [sp.GetRequiredService<AzureSpeechSynthesizer>(), sp.GetRequiredService<EspeakSynthesizer>()]
                : [sp.GetRequiredService<EspeakSynthesizer>()],
            sp.GetRequiredService<ILogger<SpeechSynthesisChain>>()));

        AddClient(services, AzureClient, sp => sp.GetRequiredService<IOptions<AzureSpeechOptions>>().Value.MaxRetries);
        AddClient(services, GoogleClient, sp => sp.GetRequiredService<IOptions<GoogleSpeechOptions>>().Value.MaxRetries);
        return services;
    }

    /// <summary>Network failures, 408 and 5xx are retried; a 429 only when its Retry-After ends before the call's deadline.</summary>
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
            return SpeechDeadline.Remaining(time) is not { } remaining || wait < remaining;
        }

        return status >= 500 || status == 408;
    }

    private static void AddClient(IServiceCollection services, string name, Func<IServiceProvider, int> maxRetries) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(name + "-retry", (builder, context) =>
            {
                var retries = maxRetries(context.ServiceProvider);
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                if (retries > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = retries,
                        Delay = TimeSpan.FromMilliseconds(200),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, time)),
                    });
                }
            });
}
