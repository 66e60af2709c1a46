using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.Load;

/// <summary>
/// End-to-end latency of spoken commands with the local engines: one server on this machine (embedded mode), spoken
/// commands of about three seconds (espeak-ng) streamed over <c>/voice/stream</c> as a microphone would (100 ms
/// messages, in real time), and the time from the end of the speech (the client's <c>stop</c>, as push-to-talk, and
/// separately with the server's own end-of-utterance pause) to the command's result. Reports p50 and p95.
/// Usage: dotnet run -c Release --project tests/Load -- voice [utterances]
/// </summary>
internal static class VoiceLatency
{
    private static readonly string[] Commands =
    [
        "lunch with alice tomorrow at noon",
        "what's on my calendar on friday",
        "move my dentist appointment to three pm",
        "remind me to call bob in two hours",
        "find thirty minutes for a call next week",
        "schedule a team meeting on monday at ten",
        "cancel the standup tomorrow",
        "book coffee with maria on thursday at nine",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        var work = Directory.CreateTempSubdirectory("cleanassistant-voice-load-");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(work.FullName, "voice.db")}",
            ["Identity:KeysDirectory"] = Path.Combine(work.FullName, "keys"),
            ["Security:PasswordHashing:Iterations"] = "10000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        Console.WriteLine("Starting the server (embedded mode) ...");
        await using var server = await WebApiProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var token = await SignUpAsync(http);
        var clips = Commands.Select(c => Pcm(c, seconds: 3)).ToList();

        // Warm-up: the first utterance builds the engine's models.
        await MeasureAsync(server.Address, token, clips[0], pushToTalk: true);
        var pushToTalk = new List<double>();
        var endpointed = new List<double>();
        var misunderstood = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (ms, outcome, reply) = await MeasureAsync(server.Address, token, clips[i % clips.Count], pushToTalk: i % 2 == 0);
            (i % 2 == 0 ? pushToTalk : endpointed).Add(ms);
            if (outcome is not ("Done" or "Answered" or "Question" or "Conflict" or "NotFound"))
            {
                misunderstood.Add($"  \"{Commands[i % Commands.Length]}\" → {outcome}: {reply}");
            }

            Console.Write($"\r{i + 1}/{count} ");
        }

        Console.WriteLine();
        Report("stop → result (push to talk)", pushToTalk);
        Report("end of the 3 s clip → result (the server ends the utterance at its own 800 ms pause, partly inside the clip's trailing silence)", endpointed);
        Console.WriteLine($"{misunderstood.Count} of {count} commands were not understood");
        foreach (var line in misunderstood.Distinct())
        {
            Console.WriteLine(line);
        }

        work.Delete(recursive: true);
        return 0;
    }

    private static void Report(string what, List<double> values)
    {
        values.Sort();
        double At(double p) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: n={values.Count} p50={At(0.50):0} ms p95={At(0.95):0} ms max={values[^1]:0} ms"));
    }

    private static async Task<(double Ms, string Outcome, string Reply)> MeasureAsync(Uri address, string token, byte[] speech, bool pushToTalk)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/voice/stream"), CancellationToken.None);
        await SendAsync(socket, new { type = "start", token });
        await ReceiveAsync(socket); // ready
        const int Chunk = 3200; // 100 ms
        var started = Stopwatch.StartNew();
        for (var offset = 0; offset < speech.Length; offset += Chunk)
        {
            await socket.SendAsync(speech.AsMemory(offset, Math.Min(Chunk, speech.Length - offset)), WebSocketMessageType.Binary, true, CancellationToken.None);
            var due = TimeSpan.FromSeconds((offset + Chunk) / 32_000.0);
            if (due > started.Elapsed)
            {
                await Task.Delay(due - started.Elapsed);
            }
        }

        var endOfSpeech = Stopwatch.StartNew();
        if (pushToTalk)
        {
            await SendAsync(socket, new { type = "stop" });
        }
        else
        {
            // Silence, as the microphone keeps sending, until the server ends the utterance itself.
            var silence = new byte[Chunk];
            _ = Task.Run(async () =>
            {
                for (var i = 0; i < 30 && socket.State == WebSocketState.Open; i++)
                {
                    await socket.SendAsync(silence, WebSocketMessageType.Binary, true, CancellationToken.None);
                    await Task.Delay(100);
                }
            });
        }

        while (true)
        {
            var message = await ReceiveAsync(socket);
            var type = message.GetProperty("type").GetString();
            if (type is "result" or "error")
            {
                var ms = endOfSpeech.Elapsed.TotalMilliseconds;
                await SendAsync(socket, new { type = "close" });
                return type == "result"
                    ? (ms, message.GetProperty("outcome").GetString()!, $"heard \"{Property(message, "text")}\", replied \"{Property(message, "reply")}\"")
                    : (ms, "error", message.GetRawText());
            }
        }
    }

    private static string Property(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone();
    }

    private static async Task<string> SignUpAsync(HttpClient http)
    {
        await http.PostAsJsonAsync("/graphql", new
        {
            query = "mutation($i: RegisterUserInput!) { registerUser(input: $i) { errors { code } } }",
            variables = new { i = new { email = "voice@example.com", password = "correct horse battery", displayName = "Voice", timeZone = "Europe/Berlin" } },
        });
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "cleanassistant-app",
            ["username"] = "voice@example.com",
            ["password"] = "correct horse battery",
            ["scope"] = "api",
        }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>espeak-ng speech padded with silence to <paramref name="seconds"/>, as 16 kHz mono s16le PCM.</summary>
    private static byte[] Pcm(string text, double seconds)
    {
        var folder = Directory.CreateTempSubdirectory("cleanassistant-voice-clip-");
        try
        {
            var wav = Path.Combine(folder.FullName, "clip.wav");
            var raw = Path.Combine(folder.FullName, "clip.raw");
            Run("/usr/bin/espeak-ng", "-v", "en-us", "-s", "160", "-w", wav, text);
            Run("/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-i", wav, "-af", $"aresample=16000:resampler=soxr,apad=whole_dur={seconds.ToString(CultureInfo.InvariantCulture)}", "-ac", "1", "-f", "s16le", raw);
            return File.ReadAllBytes(raw);
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
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }
}
