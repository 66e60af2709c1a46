using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Synthesis;

/// <summary>The local voice (section <c>Voice:Synthesis</c>); Azure, when configured under <c>Voice:Azure</c>, speaks first.</summary>
public sealed class SpeechSynthesisOptions
{
    public const string SectionName = "Voice:Synthesis";

    /// <summary>The espeak-ng program.</summary>
    public string EspeakPath { get; init; } = "espeak-ng";

    /// <summary>The espeak-ng voice.</summary>
    public string EspeakVoice { get; init; } = "en-us";

    /// <summary>The ffmpeg program, which turns espeak-ng's WAV into Ogg/Opus.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>How long the local voice may take for one reply.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest text spoken, in characters.</summary>
    public int MaxCharacters { get; init; } = 5000;
}

internal sealed class SpeechSynthesisOptionsValidator : IValidateOptions<SpeechSynthesisOptions>
{
    public ValidateOptionsResult Validate(string? name, SpeechSynthesisOptions options)
    {
        var failures = new List<string>();
        const string section = SpeechSynthesisOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.EspeakPath))
        {
            failures.Add($"{section}:EspeakPath is required.");
        }

        if (string.IsNullOrWhiteSpace(options.FfmpegPath))
        {
            failures.Add($"{section}:FfmpegPath is required.");
        }

        if (string.IsNullOrWhiteSpace(options.EspeakVoice) || options.EspeakVoice.StartsWith('-'))
        {
            failures.Add($"{section}:EspeakVoice must be a voice name such as en-us.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:Timeout must be more than 0 and at most 5 minutes.");
        }

        if (options.MaxCharacters is < 1 or > 100_000)
        {
            failures.Add($"{section}:MaxCharacters must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
