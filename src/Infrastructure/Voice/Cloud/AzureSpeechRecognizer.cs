using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CleanAssistant.Application.Voice;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Cloud;

/// <summary>
/// Azure Speech's REST API for short audio: the PCM goes up as one WAV
/// (<c>POST {stt}/speech/recognition/conversation/cognitiveservices/v1?language=…&amp;format=detailed</c>) and the
/// best lexical form comes back. The API takes at most 60 s and no phrase list, so longer audio is left to
/// the next engine and the hints are not sent.
/// </summary>
internal sealed class AzureSpeechRecognizer(
    IHttpClientFactory http, AzureSpeechCredentials credentials, IOptions<AzureSpeechOptions> options, TimeProvider time) : ISpeechRecognizer
{
    public const string EngineName = "azure";

    /// <summary>The longest audio the short-audio API accepts.</summary>
    public static readonly TimeSpan MaxAudio = TimeSpan.FromSeconds(60);

    public string Name => EngineName;

    public Task<Transcript> RecognizeAsync(PcmAudio audio, RecognitionHints hints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(hints);
        if (audio.Duration > MaxAudio)
        {
            throw new SpeechEngineException(Name, $"audio of {audio.Duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s is longer than the 60 s the short-audio API takes", transient: false);
        }

        var settings = options.Value;
        var wav = Pcm.Wav(audio);
        var address = new Uri(
            settings.RecognitionBase,
            $"speech/recognition/conversation/cognitiveservices/v1?language={Uri.EscapeDataString(hints.Language)}&format=detailed");
        return CloudCall.RunAsync(Name, settings.Timeout, time, async token =>
        {
            var client = http.CreateClient(CloudSpeechServices.AzureClient);
            using var response = await credentials.SendAsync(client, () => Request(address, wav, audio.SampleRate), token);
            if (!response.IsSuccessStatusCode)
            {
                throw CloudCall.Refused(Name, response.StatusCode, null);
            }

            await using var body = await response.Content.ReadAsStreamAsync(token);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: token);
            return Read(document.RootElement);
        }, cancellationToken);
    }

    private static HttpRequestMessage Request(Uri address, byte[] wav, int sampleRate)
    {
        var content = new ByteArrayContent(wav);

        // The documented value, verbatim: "codecs=audio/pcm" is not a valid MIME parameter token, so it is not parsed.
        content.Headers.TryAddWithoutValidation("Content-Type", $"audio/wav; codecs=audio/pcm; samplerate={sampleRate.ToString(CultureInfo.InvariantCulture)}");
        var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>Success gives the best lexical form; no speech (NoMatch, InitialSilenceTimeout) gives empty text.</summary>
    private Transcript Read(JsonElement root)
    {
        var status = root.TryGetProperty("RecognitionStatus", out var s) ? s.GetString() : null;
        switch (status)
        {
            case "Success":
                if (root.TryGetProperty("NBest", out var nbest) && nbest.ValueKind == JsonValueKind.Array && nbest.GetArrayLength() > 0)
                {
                    var best = nbest[0];
                    var text = Text(best, "Lexical") ?? Text(best, "Display") ?? "";
                    double? confidence = best.TryGetProperty("Confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null;
                    return new Transcript(text.Trim(), Name, confidence);
                }

                return new Transcript((Text(root, "DisplayText") ?? "").Trim(), Name);
            case "NoMatch" or "InitialSilenceTimeout":
                return new Transcript("", Name);
            case "BabbleTimeout":
                // Only noise before the time-out: another engine may still make out speech.
                throw new SpeechEngineException(Name, "RecognitionStatus BabbleTimeout (noise, no speech recognised)", transient: false);
            case "Error":
                throw new SpeechEngineException(Name, "RecognitionStatus Error (service error)", transient: true);
            default:
                throw new SpeechEngineException(Name, $"unknown RecognitionStatus '{status}'", transient: false);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
