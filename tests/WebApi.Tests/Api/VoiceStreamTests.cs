using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.WebApi.Tests.Support;
using CleanAssistant.WebApi.Tests.WebSockets;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>
/// The live voice stream with a real WebSocket client: raw PCM in 100 ms messages, as a microphone would send it;
/// the steps come back on the socket and to a <c>voiceSession</c> subscriber.
/// </summary>
public sealed class VoiceStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SpeechStreamed_IsHeardWhenTheSpeakerPauses_AndTheCommandIsCarriedOut()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var address = api.StartOnSocket();
        var ann = await api.SignUpAsync("ann@example.com");
        var (started, sessionId) = await StartSessionAsync(address, ann.AccessToken);
        using var socket = started;

        await using var watcher = await GraphQLWsTestClient.ConnectAndInitAsync(address, ann.AccessToken);
        await watcher.SubscribeAsync("voice", "subscription($id: ID!) { voiceSession(id: $id) { stage text reply outcome } }", new { id = sessionId });
        await watcher.SubscribeAsync("ready", "{ __typename }");
        (await watcher.ReceiveSkippingPingsAsync())!["id"]!.GetValue<string>().ShouldBe("ready");
        (await watcher.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");

        // Half a second of silence, the command, then a pause long enough to end the utterance.
        var speech = Pcm("add a dentist appointment on monday at ten");
        var silence = new byte[16_000];
        foreach (var part in new[] { silence, speech, silence, silence, silence })
        {
            await SendFramesAsync(socket, part);
        }

        var steps = new List<JsonNode>();
        while (steps.Count == 0 || steps[^1]["type"]!.GetValue<string>() is not ("result" or "error"))
        {
            steps.Add(await ReceiveAsync(socket));
        }

        var types = steps.Select(s => s["type"]!.GetValue<string>()).ToList();
        types[0].ShouldBe("speech_started", string.Join(", ", types));
        types[^2..].ShouldBe(["final", "result"], string.Join(" | ", steps.Select(s => s.ToJsonString())));
        steps[^2]["text"]!.GetValue<string>().ShouldContain("dentist");
        steps[^1]["outcome"]!.GetValue<string>().ShouldBe("Done", steps[^1].ToJsonString());

        var heard = new List<string>();
        while (!heard.Contains("RESULT"))
        {
            var next = await watcher.ReceiveSkippingPingsAsync(Patience);
            heard.Add(next!["payload"]!["data"]!["voiceSession"]!["stage"]!.GetValue<string>());
        }

        heard.ShouldContain("FINAL");
        await SendTextAsync(socket, new { type = "close" });
        (await ReceiveCloseAsync(socket)).ShouldBe(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task SpeechFromTheFirstFrame_KeepsItsFirstWords()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var address = api.StartOnSocket();
        var ann = await api.SignUpAsync("ann@example.com");
        using var socket = (await StartSessionAsync(address, ann.AccessToken)).Socket;

        // No silence before the speech (a push-to-talk button pressed mid-breath): the detector notices the
        // speech late, and the engine must still get its soft first syllable.
        await SendFramesAsync(socket, Pcm("remind me to call bob in two hours"));

        await SendTextAsync(socket, new { type = "stop" });
        JsonNode step;
        do
        {
            step = await ReceiveAsync(socket);
        }
        while (step["type"]!.GetValue<string>() is not ("result" or "error"));

        step["text"]!.GetValue<string>().ShouldStartWith("remind me", Case.Sensitive, step.ToJsonString());
        step["outcome"]!.GetValue<string>().ShouldBe("Done", step.ToJsonString());
    }

    [Fact]
    public async Task AStreamWithoutAValidToken_IsClosedWith4403_AndNonsenseWith4400()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var address = api.StartOnSocket();
        var ann = await api.SignUpAsync("ann@example.com");

        using var forged = await ConnectAsync(address);
        await SendTextAsync(forged, new { type = "start", token = "not-a-token" });
        ((int?)await ReceiveCloseAsync(forged)).ShouldBe(4403);

        using var audioFirst = await ConnectAsync(address);
        await audioFirst.SendAsync(new byte[3200], WebSocketMessageType.Binary, true, CancellationToken.None);
        ((int?)await ReceiveCloseAsync(audioFirst)).ShouldBe(4403);

        using var nonsense = await ConnectAsync(address);
        await SendTextAsync(nonsense, new { type = "start", token = ann.AccessToken });
        (await ReceiveAsync(nonsense))["type"]!.GetValue<string>().ShouldBe("ready");
        await SendTextAsync(nonsense, new { type = "dance" });
        ((int?)await ReceiveCloseAsync(nonsense)).ShouldBe(4400);

        using var odd = await ConnectAsync(address);
        await SendTextAsync(odd, new { type = "start", token = ann.AccessToken });
        await ReceiveAsync(odd);
        await odd.SendAsync(new byte[3], WebSocketMessageType.Binary, true, CancellationToken.None);
        ((int?)await ReceiveCloseAsync(odd)).ShouldBe(4400);
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri address)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/voice/stream"), CancellationToken.None);
        return socket;
    }

    private static Task SendTextAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        result.MessageType.ShouldBe(WebSocketMessageType.Text, $"closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!;
    }

    private static async Task<WebSocketCloseStatus?> ReceiveCloseAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        while ((await socket.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        return socket.CloseStatus;
    }

    /// <summary>A socket on <c>/voice/stream</c> with its session started (the server said "ready").</summary>
    private static async Task<(ClientWebSocket Socket, string SessionId)> StartSessionAsync(Uri address, string accessToken)
    {
        var socket = await ConnectAsync(address);
        await SendTextAsync(socket, new { type = "start", token = accessToken });
        var ready = await ReceiveAsync(socket);
        ready["type"]!.GetValue<string>().ShouldBe("ready");
        return (socket, ready["sessionId"]!.GetValue<string>());
    }

    /// <summary>The audio in 100 ms binary frames, as a microphone sends it.</summary>
    private static async Task SendFramesAsync(WebSocket socket, byte[] pcm)
    {
        for (var offset = 0; offset < pcm.Length; offset += 3200)
        {
            await socket.SendAsync(pcm.AsMemory(offset, Math.Min(3200, pcm.Length - offset)), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
    }

    /// <summary>espeak-ng speech as 16 kHz mono 16-bit little-endian PCM (what a client streams).</summary>
    private static byte[] Pcm(string text)
    {
        var info = new ProcessStartInfo("/usr/bin/espeak-ng") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "en-us", "-s", "150", "--stdout", text })
        {
            info.ArgumentList.Add(argument);
        }

        using var espeak = Process.Start(info)!;
        var resample = new ProcessStartInfo("/usr/bin/ffmpeg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-nostdin", "-loglevel", "error", "-f", "wav", "-i", "pipe:0", "-af", "aresample=16000:resampler=soxr", "-ac", "1", "-f", "s16le", "pipe:1" })
        {
            resample.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(resample)!;
        var copy = Task.Run(async () =>
        {
            await espeak.StandardOutput.BaseStream.CopyToAsync(ffmpeg.StandardInput.BaseStream);
            ffmpeg.StandardInput.Close();
        });
        using var pcm = new MemoryStream();
        ffmpeg.StandardOutput.BaseStream.CopyTo(pcm);
        copy.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        ffmpeg.WaitForExit(30_000).ShouldBeTrue();
        return pcm.ToArray();
    }
}
