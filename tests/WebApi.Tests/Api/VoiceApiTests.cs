using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>Spoken commands over HTTP: a GraphQL multipart upload, the local engine, and the reply audio's URL.</summary>
public sealed class VoiceApiTests
{
    private const string Submit =
        "mutation($audio: Upload!) { submitVoiceCommand(audio: $audio, replyAudio: WAV) { result { id transcript engine audioSeconds replyAudioUrl reply { outcome reply event { title } } } errors { code message } } }";

    [Fact]
    public async Task ASpokenCommand_IsCarriedOut_AndItsSpokenReplyIsTheOwnersAlone()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        using var bob = api.CreateClient(await api.SignUpAsync("bob@example.com"));
        using var anonymous = api.CreateClient();
        var audio = Speak("add a dentist appointment on monday at ten");

        var answer = await UploadAsync(ann, Submit, audio, "command.webm");

        var result = answer["data"]!["submitVoiceCommand"]!["result"]!;
        answer["data"]!["submitVoiceCommand"]!["errors"]!.AsArray().ShouldBeEmpty(answer.ToJsonString());
        result["engine"]!.GetValue<string>().ShouldBe("pocketsphinx");
        result["transcript"]!.GetValue<string>().ShouldContain("dentist");
        result["reply"]!["outcome"]!.GetValue<string>().ShouldBe("DONE", answer.ToJsonString());
        var url = result["replyAudioUrl"]!.GetValue<string>();

        using var spoken = await ann.GetAsync(url);
        spoken.StatusCode.ShouldBe(HttpStatusCode.OK);
        spoken.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
        spoken.Headers.CacheControl!.NoStore.ShouldBeTrue();
        Encoding.ASCII.GetString(await spoken.Content.ReadAsByteArrayAsync(), 0, 4).ShouldBe("RIFF");
        (await bob.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var history = await ann.GraphQLAsync("{ voiceHistory { id transcript replyAudioUrl } }");
        history["data"]!["voiceHistory"]!.AsArray().ShouldHaveSingleItem()!["replyAudioUrl"]!.GetValue<string>().ShouldBe(url);
    }

    [Fact]
    public async Task Transcribe_HearsARecording_AndRefusesWhatIsNotAudio()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        const string query = "query($audio: Upload!) { transcribe(audio: $audio) { text engine format audioSeconds } }";

        var heard = await UploadAsync(ann, query, Speak("what's on friday"), "clip.bin");
        var transcription = heard["data"]!["transcribe"]!;
        transcription["format"]!.GetValue<string>().ShouldBe("webm", heard.ToJsonString());
        transcription["text"]!.GetValue<string>().ShouldContain("friday");
        transcription["audioSeconds"]!.GetValue<double>().ShouldBeGreaterThan(0.5);

        var refused = await UploadAsync(ann, query, "BEGIN:VCALENDAR\r\n"u8.ToArray(), "clip.wav");
        refused.ErrorCode().ShouldBe("AUDIO_UNSUPPORTED");
    }

    /// <summary>Speech as a browser would record it: espeak-ng, encoded to WebM/Opus by ffmpeg.</summary>
    private static byte[] Speak(string text)
    {
        var folder = Directory.CreateTempSubdirectory("cleanassistant-voice-api-");
        try
        {
            var wav = Path.Combine(folder.FullName, "speech.wav");
            var webm = Path.Combine(folder.FullName, "speech.webm");
            Run("/usr/bin/espeak-ng", "-v", "en-us", "-s", "150", "-w", wav, text);
            Run("/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-i", wav, "-c:a", "libopus", "-b:a", "32k", webm);
            return File.ReadAllBytes(webm);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).ShouldBeTrue();
        process.ExitCode.ShouldBe(0, stderr);
    }

    private static async Task<JsonNode> UploadAsync(HttpClient client, string query, byte[] audio, string fileName)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(JsonSerializer.Serialize(new { query, variables = new { audio = (object?)null } }), Encoding.UTF8), "operations");
        content.Add(new StringContent("{\"0\": [\"variables.audio\"]}", Encoding.UTF8), "map");
        var part = new ByteArrayContent(audio);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "0", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Add("GraphQL-Preflight", "1");
        using var response = await client.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
