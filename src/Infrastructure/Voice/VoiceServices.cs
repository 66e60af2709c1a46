using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Security;
using CleanAssistant.Infrastructure.Voice.Audio;
using CleanAssistant.Infrastructure.Voice.Cloud;
using CleanAssistant.Infrastructure.Voice.PocketSphinx;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice;

public static class VoiceServices
{
    public const string RetentionJobId = "voice-retention";

    /// <summary>
    /// Voice input and output: limits and retention (<c>Voice</c>), the decoder and voice activity (<c>Voice:Audio</c>),
    /// the speech engines (cloud ones when configured, PocketSphinx always, last), speech output, and the retention and re-encryption jobs.
    /// </summary>
    internal static IServiceCollection AddVoice(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VoiceOptions>().BindConfiguration(VoiceOptions.SectionName)
            .Validate(o => o.Problem() is null, "The Voice section is not valid: check its limits and retention periods (see docs/voice.md).")
            .ValidateOnStart();
        services.AddAudio();
        services.AddCloudSpeech(configuration);
        services.AddPocketSphinx();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<VoiceOptions>>().Value.ToSettings(sp.GetRequiredService<AudioLimits>()));
        services.AddScoped<VoiceRetention>();
        services.AddScoped<VoiceReencryption>();
        return services;
    }
}

/// <summary>The Hangfire job that erases expired voice data. Public for Hangfire's activator.</summary>
public sealed class VoiceJobs(IServiceScopeFactory scopes)
{
    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task EraseExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VoiceRetention>().SweepAsync(cancellationToken);
    }

}

/// <summary>Registers the voice retention job and the re-encryption job (<see cref="Reencryption"/>) at start (in embedded mode Hangfire's storage is in memory).</summary>
internal sealed class VoiceStartup(IRecurringJobManager recurringJobs, IOptions<VoiceOptions> options, IOptions<DataEncryptionOptions> encryption) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<VoiceJobs>(VoiceServices.RetentionJobId, j => j.EraseExpiredAsync(CancellationToken.None), options.Value.RetentionCron);
        recurringJobs.AddOrUpdate<ReencryptionJob>(Reencryption.JobId, j => j.RunAsync(CancellationToken.None), encryption.Value.ReencryptionCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
