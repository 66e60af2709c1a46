using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.Application.Voice;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Cloud;

/// <summary>
/// Google Cloud Speech-to-Text v1, synchronous (<c>POST {endpoint}/v1/speech:recognize</c>): LINEAR16 PCM in
/// base64, the hints as a speech context; an API key (<c>x-goog-api-key</c>) or a service account's access
/// token. Synchronous recognition takes at most 60 s and 10 MB; longer audio is left to the next engine.
/// </summary>
internal sealed class GoogleSpeechRecognizer : ISpeechRecognizer, IDisposable
{
    public const string EngineName = "google";

    public const string Scope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>The longest audio synchronous recognition accepts.</summary>
    public static readonly TimeSpan MaxAudio = TimeSpan.FromSeconds(60);

    /// <summary>The largest request synchronous recognition accepts.</summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

    // Google takes up to 5000 phrases of up to 100 characters; a user's names stay far below.
    private const int MaxPhrases = 1000;
    private const int MaxPhraseLength = 100;

    private readonly IHttpClientFactory _http;
    private readonly IOptions<GoogleSpeechOptions> _options;
    private readonly TimeProvider _time;
    private readonly Lazy<GoogleCredential?> _credential;

    public GoogleSpeechRecognizer(IHttpClientFactory http, IOptions<GoogleSpeechOptions> options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
        _credential = new Lazy<GoogleCredential?>(CreateCredential);
    }

    public string Name => EngineName;

    public Task<Transcript> RecognizeAsync(PcmAudio audio, RecognitionHints hints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(hints);
        if (audio.Duration > MaxAudio)
        {
            throw new SpeechEngineException(Name, $"audio of {audio.Duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s is longer than the 60 s synchronous recognition takes", transient: false);
        }

        var settings = _options.Value;
        var json = Body(audio, hints, settings.Model).ToJsonString();
        if (Encoding.UTF8.GetByteCount(json) > MaxRequestBytes)
        {
            throw new SpeechEngineException(Name, "the request is larger than the 10 MB synchronous recognition takes", transient: false);
        }

        return CloudCall.RunAsync(Name, settings.Timeout, _time, async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Base, "v1/speech:recognize"))
            {
                Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            await AuthorizeAsync(request, settings, token);
            var client = _http.CreateClient(CloudSpeechServices.GoogleClient);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            var body = await response.Content.ReadAsStringAsync(token);
            if (!response.IsSuccessStatusCode)
            {
                throw CloudCall.Refused(Name, response.StatusCode, ErrorStatus(body));
            }

            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement);
        }, cancellationToken);
    }

    public void Dispose()
    {
        if (_credential.IsValueCreated && _credential.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    internal static JsonObject Body(PcmAudio audio, RecognitionHints hints, string? model)
    {
        var config = new JsonObject
        {
            ["encoding"] = "LINEAR16",
            ["sampleRateHertz"] = audio.SampleRate,
            ["audioChannelCount"] = 1,
            ["languageCode"] = hints.Language,
            ["enableAutomaticPunctuation"] = false,
        };
        var phrases = hints.Phrases
            .Select(p => p.Trim())
            .Where(p => p.Length is > 0 and <= MaxPhraseLength)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxPhrases)
            .Select(p => (JsonNode?)JsonValue.Create(p))
            .ToArray();
        if (phrases.Length > 0)
        {
            config["speechContexts"] = new JsonArray(new JsonObject { ["phrases"] = new JsonArray(phrases) });
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            config["model"] = model;
        }

        return new JsonObject
        {
            ["config"] = config,
            ["audio"] = new JsonObject { ["content"] = Convert.ToBase64String(Pcm.Bytes(audio)) },
        };
    }

    /// <summary>Consecutive results are consecutive stretches of the audio: their best alternatives, joined.</summary>
    private Transcript Read(JsonElement root)
    {
        var words = new List<string>();
        var confidences = new List<double>();
        if (root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (var result in results.EnumerateArray())
            {
                if (!result.TryGetProperty("alternatives", out var alternatives) || alternatives.ValueKind != JsonValueKind.Array || alternatives.GetArrayLength() == 0)
                {
                    continue;
                }

                var best = alternatives[0];
                if (best.TryGetProperty("transcript", out var transcript) && transcript.ValueKind == JsonValueKind.String && transcript.GetString()!.Trim() is { Length: > 0 } text)
                {
                    words.Add(text);
                }

                if (best.TryGetProperty("confidence", out var confidence) && confidence.ValueKind == JsonValueKind.Number)
                {
                    confidences.Add(confidence.GetDouble());
                }
            }
        }

        return new Transcript(string.Join(' ', words), Name, confidences.Count > 0 ? confidences.Average() : null);
    }

    /// <summary>The <c>status</c> of Google's error document (<c>{"error": {code, message, status}}</c>), without its message.</summary>
    private static string? ErrorStatus(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                ? status.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, GoogleSpeechOptions settings, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            request.Headers.Add("x-goog-api-key", settings.ApiKey);
            return;
        }

        string token;
        try
        {
            token = await ((ITokenAccess)_credential.Value!).GetAccessTokenForRequestAsync(null, cancellationToken);
        }
        catch (TokenResponseException exception)
        {
            var code = exception.StatusCode is { } status ? (int)status : 0;
            throw new SpeechEngineException(
                Name,
                $"the token endpoint refused the service account ({(code == 0 ? "no status" : "HTTP " + code.ToString(CultureInfo.InvariantCulture))}, {exception.Error?.Error})",
                transient: code is 0 or 429 or >= 500,
                exception);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private GoogleCredential? CreateCredential()
    {
        var key = _options.Value.ServiceAccountKey();
        return key is null
            ? null
            : CredentialFactory.FromJson<ServiceAccountCredential>(key).ToGoogleCredential().CreateScoped(Scope);
    }
}
