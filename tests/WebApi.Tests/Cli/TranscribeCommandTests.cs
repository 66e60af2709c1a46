using System.Diagnostics;
using System.Text.Json;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class TranscribeCommandTests
{
    [Fact]
    public async Task TranscribeJsonl_AnswersEachLineInOrder_AndReportsBadLinesWithoutStopping()
    {
        var folder = Directory.CreateTempSubdirectory("transcribe-cli-").FullName;
        try
        {
            // A spoken command as an MP3 at 44.1 kHz: the format comes from the content, the rate is converted.
            var wav = Path.Combine(folder, "spoken.wav");
            var mp3 = Path.Combine(folder, "spoken.mp3");
            Run("espeak-ng", "-v", "en-us", "-w", wav, "cancel my dentist appointment on friday");
            Run("ffmpeg", "-nostdin", "-v", "error", "-i", wav, "-ar", "44100", "-c:a", "libmp3lame", mp3);
            File.WriteAllText(Path.Combine(folder, "broken.wav"), "not audio");
            var stdin = string.Join('\n',
                JsonSerializer.Serialize(new { id = "a", path = mp3 }),
                "{\"id\": \"b\", \"path\": ",
                JsonSerializer.Serialize(new { id = "c", path = Path.Combine(folder, "broken.wav") }),
                JsonSerializer.Serialize(new { id = "d" }),
                JsonSerializer.Serialize(new { id = "e", path = Path.Combine(folder, "missing.wav") })) + "\n";

            var result = await CliRun.InProcessAsync(["transcribe", "--jsonl"], stdin);

            result.ExitCode.ShouldBe(0, result.ToString());
            var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            lines.Count.ShouldBe(5);
            lines[0].GetProperty("id").GetString().ShouldBe("a");
            lines[0].GetProperty("text").GetString().ShouldBe("cancel my dentist appointment on friday");
            lines[0].GetProperty("engine").GetString().ShouldBe("pocketsphinx");
            lines[0].GetProperty("audioSeconds").GetDouble().ShouldBeGreaterThan(1);
            lines[0].TryGetProperty("elapsedMs", out _).ShouldBeTrue();
            lines[1].GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null);
            lines[1].TryGetProperty("error", out _).ShouldBeTrue();
            foreach (var (line, id) in lines.Skip(2).Zip(new[] { "c", "d", "e" }))
            {
                line.GetProperty("id").GetString().ShouldBe(id);
                line.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
                line.TryGetProperty("text", out _).ShouldBeFalse();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task VoiceJsonl_AnswersAsInterpretWouldForTheTranscript_WithTheTranscriptAdded()
    {
        var folder = Directory.CreateTempSubdirectory("voice-cli-").FullName;
        try
        {
            var wav = Path.Combine(folder, "spoken.wav");
            var ogg = Path.Combine(folder, "spoken.ogg");
            Run("espeak-ng", "-v", "en-us", "-w", wav, "cancel my dentist appointment on friday");
            Run("ffmpeg", "-nostdin", "-v", "error", "-i", wav, "-c:a", "libopus", ogg);
            var stdin = string.Join('\n',
                JsonSerializer.Serialize(new { id = "v1", path = ogg, now = "2026-11-27T10:00:00", timeZone = "Europe/Berlin" }),
                JsonSerializer.Serialize(new { id = "v2", path = Path.Combine(folder, "missing.wav"), now = "2026-11-27T10:00:00", timeZone = "Europe/Berlin" })) + "\n";

            var result = await CliRun.InProcessAsync(["voice", "--jsonl"], stdin);

            result.ExitCode.ShouldBe(0, result.ToString());
            var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            lines.Count.ShouldBe(2, result.ToString());
            lines[0].GetProperty("id").GetString().ShouldBe("v1");
            lines[0].GetProperty("transcript").GetString().ShouldBe("cancel my dentist appointment on friday");
            lines[0].GetProperty("intent").GetString().ShouldBe("CancelEvent");
            lines[0].GetProperty("target").GetProperty("date").GetString().ShouldBe("2026-12-04");
            lines[1].GetProperty("id").GetString().ShouldBe("v2");
            lines[1].GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, errors);
    }
}
