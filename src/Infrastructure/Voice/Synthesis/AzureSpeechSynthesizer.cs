using System.Net.Http.Headers;
using System.Security;
using System.Text;
using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.Cloud;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Synthesis;

/// <summary>
/// Azure Speech's text to speech REST API (<c>POST {tts}/cognitiveservices/v1</c>): SSML in, with the text
/// XML-escaped inside the configured voice; WAV (riff-16khz-16bit-mono-pcm) or Ogg/Opus (ogg-16khz-16bit-mono-opus) out.
/// </summary>
internal sealed class AzureSpeechSynthesizer(
    IHttpClientFactory http, AzureSpeechCredentials credentials, IOptions<AzureSpeechOptions> options, IOptions<SpeechSynthesisOptions> synthesis, TimeProvider time) : ISpeechSynthesizer
{
    public const string EngineName = "azure";

    public string Name => EngineName;

    public Task<SpeechAudio> SynthesizeAsync(string text, SpeechAudioFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = options.Value;
        var ssml = Ssml(SpokenText.Clean(text, synthesis.Value.MaxCharacters), settings.VoiceName);
        var outputFormat = format == SpeechAudioFormat.OggOpus ? "ogg-16khz-16bit-mono-opus" : "riff-16khz-16bit-mono-pcm";
        var address = new Uri(settings.SynthesisBase, "cognitiveservices/v1");
        return CloudCall.RunAsync(Name, settings.Timeout, time, async token =>
        {
            var client = http.CreateClient(CloudSpeechServices.AzureClient);
            using var response = await credentials.SendAsync(client, () => Request(address, ssml, outputFormat), token);
            if (!response.IsSuccessStatusCode)
            {
                throw CloudCall.Refused(Name, response.StatusCode, null);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(token);
            var expected = format == SpeechAudioFormat.OggOpus ? "OggS"u8 : "RIFF"u8;
            if (!bytes.AsSpan().StartsWith(expected))
            {
                throw new SpeechEngineException(Name, $"the answer is not {(format == SpeechAudioFormat.OggOpus ? "Ogg" : "WAV")} audio", transient: false);
            }

            return new SpeechAudio(bytes, format == SpeechAudioFormat.OggOpus ? SpeechContentTypes.OggOpus : SpeechContentTypes.Wav, format);
        }, cancellationToken);
    }

    internal static string Ssml(string text, string voice) =>
        $"<speak version='1.0' xml:lang='en-US'><voice name='{SecurityElement.Escape(voice)}'>{SecurityElement.Escape(text)}</voice></speak>";

    private static HttpRequestMessage Request(Uri address, string ssml, string outputFormat)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new StringContent(ssml, Encoding.UTF8, new MediaTypeHeaderValue("application/ssml+xml")),
        };
        request.Headers.Add("X-Microsoft-OutputFormat", outputFormat);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CleanAssistant", "1.0"));
        return request;
    }
}
