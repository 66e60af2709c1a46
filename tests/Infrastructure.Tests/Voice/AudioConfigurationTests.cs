using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Audio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary><c>AddAudio</c>: what configuration gives, and how bad configuration fails at start.</summary>
public sealed class AudioConfigurationTests
{
    [Fact]
    public void Configuration_SetsTheLimitsAndTheDetector()
    {
        using var services = Build(new()
        {
            ["Voice:Audio:MaxBytes"] = "1000000",
            ["Voice:Audio:MaxSeconds"] = "60",
            ["Voice:Audio:DecodeTimeoutSeconds"] = "5",
            ["Voice:Audio:VoiceActivity:EndOfUtterancePause"] = "00:00:01.2",
        });

        services.GetRequiredService<AudioLimits>().ShouldBe(new AudioLimits(1_000_000, 60, 5));
        services.GetRequiredService<IAudioDecoder>().ShouldBeOfType<FfmpegAudioDecoder>();
        services.GetRequiredService<IVoiceActivityDetector>().ShouldBeOfType<EnergyVoiceActivityDetector>();
        services.GetRequiredService<IOptions<AudioOptions>>().Value.VoiceActivity.EndOfUtterancePause.ShouldBe(TimeSpan.FromMilliseconds(1200));
    }

    [Fact]
    public void WithoutConfiguration_TheDefaultsApply()
    {
        using var services = Build([]);

        services.GetRequiredService<AudioLimits>().ShouldBe(new AudioLimits());
        services.GetRequiredService<IOptions<AudioOptions>>().Value.FfmpegPath.ShouldBe("/usr/bin/ffmpeg");
    }

    [Fact]
    public void BadConfiguration_FailsAtStart_NamingEachKey()
    {
        using var services = Build(new()
        {
            ["Voice:Audio:FfmpegPath"] = " ",
            ["Voice:Audio:MaxBytes"] = "0",
            ["Voice:Audio:MaxSeconds"] = "-1",
            ["Voice:Audio:DecodeTimeoutSeconds"] = "0",
            ["Voice:Audio:MaxConcurrentDecodes"] = "-1",
            ["Voice:Audio:TempDirectory"] = "/nonexistent/folder",
            ["Voice:Audio:VoiceActivity:ContinueThresholdDb"] = "12",
            ["Voice:Audio:VoiceActivity:FrameLength"] = "00:00:01",
            ["Voice:Audio:VoiceActivity:Padding"] = "-00:00:01",
        });

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<AudioOptions>>().Value);

        failure.Failures.ShouldBe(
        [
            "Voice:Audio:FfmpegPath must name the ffmpeg executable.",
            "Voice:Audio:MaxBytes must be more than 0.",
            "Voice:Audio:MaxSeconds must be more than 0 and at most 4 hours (14400).",
            "Voice:Audio:DecodeTimeoutSeconds must be more than 0 and at most an hour.",
            "Voice:Audio:MaxConcurrentDecodes must be 0 (one per processor) or more.",
            "Voice:Audio:TempDirectory must be an existing folder.",
            "Voice:Audio:VoiceActivity:ContinueThresholdDb must be more than 0 and at most StartThresholdDb.",
            "Voice:Audio:VoiceActivity:FrameLength must be between 5 and 100 ms.",
            "Voice:Audio:VoiceActivity:Padding must be between 0 and 10 seconds.",
        ]);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddAudio()
            .BuildServiceProvider();
    }
}
