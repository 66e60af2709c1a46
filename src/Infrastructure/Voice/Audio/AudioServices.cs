using CleanAssistant.Application.Voice;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Audio;

public static class AudioServices
{
    /// <summary>
    /// Audio input: the ffmpeg decoder as <see cref="IAudioDecoder"/>, the configured <see cref="AudioLimits"/> (the
    /// defaults callers pass; the decoder never goes past them), and the energy detector as
    /// <see cref="IVoiceActivityDetector"/>. Options come from <c>Voice:Audio</c> and are checked at start.
    /// </summary>
    public static IServiceCollection AddAudio(this IServiceCollection services)
    {
        services.AddOptions<AudioOptions>().BindConfiguration(AudioOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AudioOptions>, AudioOptionsValidator>();
        services.AddSingleton<IAudioDecoder, FfmpegAudioDecoder>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AudioOptions>>().Value.Limits);
        services.AddSingleton<IVoiceActivityDetector>(sp => new EnergyVoiceActivityDetector(sp.GetRequiredService<IOptions<AudioOptions>>().Value.VoiceActivity));
        return services;
    }
}

/// <summary>Names every bad key of <c>Voice:Audio</c> at once.</summary>
internal sealed class AudioOptionsValidator : IValidateOptions<AudioOptions>
{
    public ValidateOptionsResult Validate(string? name, AudioOptions options)
    {
        const string Section = AudioOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.FfmpegPath))
        {
            failures.Add($"{Section}:FfmpegPath must name the ffmpeg executable.");
        }

        if (options.MaxBytes <= 0)
        {
            failures.Add($"{Section}:MaxBytes must be more than 0.");
        }

        // The decoded audio is held in memory: 4 hours is 460 MB.
        if (!(options.MaxSeconds > 0) || options.MaxSeconds > 4 * 3600)
        {
            failures.Add($"{Section}:MaxSeconds must be more than 0 and at most 4 hours (14400).");
        }

        if (!(options.DecodeTimeoutSeconds > 0) || options.DecodeTimeoutSeconds > 3600)
        {
            failures.Add($"{Section}:DecodeTimeoutSeconds must be more than 0 and at most an hour.");
        }

        if (options.MaxConcurrentDecodes < 0)
        {
            failures.Add($"{Section}:MaxConcurrentDecodes must be 0 (one per processor) or more.");
        }

        if (!string.IsNullOrWhiteSpace(options.TempDirectory) && !Directory.Exists(options.TempDirectory))
        {
            failures.Add($"{Section}:TempDirectory must be an existing folder.");
        }

        var activity = options.VoiceActivity;
        if (!(activity.ContinueThresholdDb > 0) || activity.StartThresholdDb < activity.ContinueThresholdDb)
        {
            failures.Add($"{Section}:VoiceActivity:ContinueThresholdDb must be more than 0 and at most StartThresholdDb.");
        }

        if (activity.FrameLength < TimeSpan.FromMilliseconds(5) || activity.FrameLength > TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{Section}:VoiceActivity:FrameLength must be between 5 and 100 ms.");
        }

        foreach (var (key, value) in new[]
        {
            ("MinSpeech", activity.MinSpeech), ("SplitPause", activity.SplitPause),
            ("EndOfUtterancePause", activity.EndOfUtterancePause), ("Padding", activity.Padding),
        })
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromSeconds(10))
            {
                failures.Add($"{Section}:VoiceActivity:{key} must be between 0 and 10 seconds.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
