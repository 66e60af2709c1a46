using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Cloud;

/// <summary>How Azure Speech is reached (section <c>Voice:Azure</c>). Without <see cref="Key"/> Azure is in no chain.</summary>
public sealed class AzureSpeechOptions
{
    public const string SectionName = "Voice:Azure";

    /// <summary>The resource's region (<c>westeurope</c>); it makes the default endpoints.</summary>
    public string? Region { get; init; }

    /// <summary>The resource key.</summary>
    public string? Key { get; init; }

    /// <summary>Send the key with every request, or trade it for a 10-minute bearer token first.</summary>
    public AzureSpeechAuth Auth { get; init; } = AzureSpeechAuth.Key;

    /// <summary>Speech to text base address; default <c>https://{region}.stt.speech.microsoft.com/</c>.</summary>
    public Uri? RecognitionEndpoint { get; init; }

    /// <summary>Text to speech base address; default <c>https://{region}.tts.speech.microsoft.com/</c>.</summary>
    public Uri? SynthesisEndpoint { get; init; }

    /// <summary>The token address; default <c>https://{region}.api.cognitive.microsoft.com/sts/v1.0/issueToken</c>.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The neural voice replies are spoken with.</summary>
    public string VoiceName { get; init; } = "en-US-JennyNeural";

    /// <summary>How long one recognition or synthesis may take, retries and waits included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a 5xx or a 429 is retried within the timeout.</summary>
    public int MaxRetries { get; init; } = 2;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Key);

    public Uri RecognitionBase => WithSlash(RecognitionEndpoint ?? new Uri($"https://{Region}.stt.speech.microsoft.com/"));

    public Uri SynthesisBase => WithSlash(SynthesisEndpoint ?? new Uri($"https://{Region}.tts.speech.microsoft.com/"));

    public Uri TokenAddress => TokenEndpoint ?? new Uri($"https://{Region}.api.cognitive.microsoft.com/sts/v1.0/issueToken");

    internal static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

/// <summary>How requests to Azure Speech are authorised.</summary>
public enum AzureSpeechAuth
{
    /// <summary><c>Ocp-Apim-Subscription-Key</c> on every request.</summary>
    Key,

    /// <summary>A bearer token from the token endpoint, kept 9 minutes and renewed once on a 401.</summary>
    Token,
}

/// <summary>How Google Cloud Speech-to-Text is reached (section <c>Voice:Google</c>). Without credentials Google is in no chain.</summary>
public sealed class GoogleSpeechOptions
{
    public const string SectionName = "Voice:Google";

    /// <summary>An API key (sent as <c>x-goog-api-key</c>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>A service account key, the JSON itself.</summary>
    public string? ServiceAccountJson { get; init; }

    /// <summary>A service account key, as a file.</summary>
    public string? ServiceAccountFile { get; init; }

    /// <summary>The base address; default <c>https://speech.googleapis.com/</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The recognition model (<c>latest_short</c>, <c>command_and_search</c>); none: Google's default.</summary>
    public string? Model { get; init; }

    /// <summary>How long one recognition may take, retries and waits included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a 5xx or a 429 is retried within the timeout.</summary>
    public int MaxRetries { get; init; } = 2;

    public bool HasServiceAccount => !string.IsNullOrWhiteSpace(ServiceAccountJson) || !string.IsNullOrWhiteSpace(ServiceAccountFile);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) || HasServiceAccount;

    public Uri Base => AzureSpeechOptions.WithSlash(Endpoint ?? new Uri("https://speech.googleapis.com/"));

    /// <summary>The service account JSON, from the setting or the file.</summary>
    public string? ServiceAccountKey() =>
        !string.IsNullOrWhiteSpace(ServiceAccountJson) ? ServiceAccountJson
        : !string.IsNullOrWhiteSpace(ServiceAccountFile) ? File.ReadAllText(ServiceAccountFile)
        : null;
}

/// <summary>Which engines recognise speech, in which order, and when a failing one is left alone (section <c>Voice:Recognition</c>).</summary>
public sealed class SpeechRecognitionOptions
{
    public const string SectionName = "Voice:Recognition";

    /// <summary>
    /// Engine names tried in order; the local engine is always tried last, listed or not. Unconfigured cloud
    /// engines are skipped. Empty: azure, then google. (Empty by default because binding appends to a list.)
    /// </summary>
    public List<string> Engines { get; init; } = [];

    /// <summary>The engines in the order they are tried (before the local one).</summary>
    public IReadOnlyList<string> Order => Engines.Count > 0 ? Engines : [AzureSpeechRecognizer.EngineName, GoogleSpeechRecognizer.EngineName];

    /// <summary>Failures in a row (timeouts, 429, 5xx, no connection) after which an engine is skipped for <see cref="BreakDuration"/>.</summary>
    public int FailuresBeforeBreak { get; init; } = 3;

    /// <summary>How long an engine whose circuit opened is skipped.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Fails start-up with one message per mistake, naming the configuration key.</summary>
internal sealed class CloudSpeechOptionsValidator :
    IValidateOptions<AzureSpeechOptions>, IValidateOptions<GoogleSpeechOptions>, IValidateOptions<SpeechRecognitionOptions>
{
    public static readonly string[] KnownEngines = [AzureSpeechRecognizer.EngineName, GoogleSpeechRecognizer.EngineName, SpeechEngines.Local];

    public ValidateOptionsResult Validate(string? name, AzureSpeechOptions options)
    {
        var failures = new List<string>();
        const string section = AzureSpeechOptions.SectionName;
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var explicitEndpoints = options.RecognitionEndpoint is not null && options.SynthesisEndpoint is not null && options.TokenEndpoint is not null;
        if (string.IsNullOrWhiteSpace(options.Region) && !explicitEndpoints)
        {
            failures.Add($"{section}:Region is required (or all of RecognitionEndpoint, SynthesisEndpoint and TokenEndpoint).");
        }
        else if (!string.IsNullOrWhiteSpace(options.Region) && !options.Region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            failures.Add($"{section}:Region must be a region name such as westeurope.");
        }
        else
        {
            Endpoint(failures, $"{section}:RecognitionEndpoint", options.RecognitionBase);
            Endpoint(failures, $"{section}:SynthesisEndpoint", options.SynthesisBase);
            Endpoint(failures, $"{section}:TokenEndpoint", options.TokenAddress);
        }

        if (string.IsNullOrWhiteSpace(options.VoiceName))
        {
            failures.Add($"{section}:VoiceName is required (e.g. en-US-JennyNeural).");
        }

        Limits(failures, section, options.Timeout, options.MaxRetries);
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, GoogleSpeechOptions options)
    {
        var failures = new List<string>();
        const string section = GoogleSpeechOptions.SectionName;
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        if (!string.IsNullOrWhiteSpace(options.ServiceAccountJson) && !string.IsNullOrWhiteSpace(options.ServiceAccountFile))
        {
            failures.Add($"{section}: set ServiceAccountJson or ServiceAccountFile, not both.");
        }
        else if (options.HasServiceAccount)
        {
            ServiceAccount(failures, section, options);
        }

        Endpoint(failures, $"{section}:Endpoint", options.Base);
        Limits(failures, section, options.Timeout, options.MaxRetries);
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, SpeechRecognitionOptions options)
    {
        var failures = new List<string>();
        const string section = SpeechRecognitionOptions.SectionName;
        foreach (var engine in options.Engines)
        {
            if (!KnownEngines.Contains(engine, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{section}:Engines names '{engine}'; known engines: {string.Join(", ", KnownEngines)}.");
            }
        }

        if (options.FailuresBeforeBreak is < 1 or > 100)
        {
            failures.Add($"{section}:FailuresBeforeBreak must be between 1 and 100.");
        }

        if (options.BreakDuration <= TimeSpan.Zero || options.BreakDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:BreakDuration must be more than 0 and at most 1 hour.");
        }

        return Result(failures);
    }

    private static void ServiceAccount(List<string> failures, string section, GoogleSpeechOptions options)
    {
        var key = string.IsNullOrWhiteSpace(options.ServiceAccountFile) ? $"{section}:ServiceAccountJson" : $"{section}:ServiceAccountFile";
        try
        {
            using var document = JsonDocument.Parse(options.ServiceAccountKey()!);
            var root = document.RootElement;
            if (!root.TryGetProperty("type", out var type) || type.GetString() != "service_account"
                || !root.TryGetProperty("private_key", out _) || !root.TryGetProperty("client_email", out _))
            {
                failures.Add($"{key} must be a service account key (type service_account, with private_key and client_email).");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            failures.Add($"{key} cannot be read as JSON ({exception.GetType().Name}).");
        }
    }

    private static void Endpoint(List<string> failures, string key, Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) address.");
        }
    }

    private static void Limits(List<string> failures, string section, TimeSpan timeout, int maxRetries)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:Timeout must be more than 0 and at most 5 minutes.");
        }

        if (maxRetries is < 0 or > 10)
        {
            failures.Add($"{section}:MaxRetries must be between 0 and 10.");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
