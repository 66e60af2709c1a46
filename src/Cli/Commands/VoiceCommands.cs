using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Interpretation;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

using static CleanAssistant.Cli.Commands.JsonLines;

namespace CleanAssistant.Cli.Commands;

/// <summary>
/// <c>cleanassistant transcribe --jsonl</c> and <c>cleanassistant voice --jsonl</c> (shared/contracts/transcribe.md): one
/// clip a line in (<c>{"id", "path"}</c>, for <c>voice</c> also <c>now</c> and <c>timeZone</c>; optional <c>hints</c>),
/// one answer a line out, in input order. Audio goes through the server's own path: the decoder (format from the
/// content), voice activity, and the speech chain (or one <c>--engine</c>). A line that cannot be read or decoded gets
/// <c>{"id", "error"}</c> and the batch goes on.
/// </summary>
public static class VoiceCommands
{
    public static Command CreateTranscribe(CliHost host)
    {
        var jsonl = new Option<bool>("--jsonl") { Description = "Read JSON lines ({\"id\", \"path\"}) on stdin and write one transcript a line on stdout." };
        var engine = EngineOption();
        var command = new Command("transcribe", "Turns audio clips into text, per the transcribe contract.") { jsonl, engine };
        command.SetAction(async (parseResult, cancellationToken) => !parseResult.GetValue(jsonl)
            ? host.Fail(ExitCodes.Usage, "transcribe reads a batch: pass --jsonl and JSON lines on stdin.")
            : await host.RunAsync(parseResult, (services, token) =>
                RunBatchAsync(host.Console, line => TranscribeLineAsync(services.GetRequiredService<SpeechInput>(), line, parseResult.GetValue(engine), token), token), cancellationToken));
        return command;
    }

    public static Command CreateVoice(CliHost host)
    {
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Read JSON lines ({\"id\", \"path\", \"now\", \"timeZone\"}) on stdin and write one interpretation a line on stdout, with its transcript.",
        };
        var engine = EngineOption();
        var interpreter = new Option<string>("--interpreter")
        {
            Description = "Which interpreter reads the transcripts: offline (the default), auto, or a configured provider (see `interpret`).",
            DefaultValueFactory = _ => "offline",
        };
        var command = new Command("voice", "Spoken commands end to end: transcribes each clip and interprets the words, per the voice contract.") { jsonl, engine, interpreter };
        command.SetAction(async (parseResult, cancellationToken) => !parseResult.GetValue(jsonl)
            ? host.Fail(ExitCodes.Usage, "voice reads a batch: pass --jsonl and JSON lines on stdin.")
            : await host.RunAsync(parseResult, (services, token) =>
            {
                var name = parseResult.GetValue(interpreter) ?? "offline";
                IInterpreter? chosen = name == "offline" ? new OfflineInterpreter() : services.GetRequiredService<InterpreterCatalog>().Find(name);
                if (chosen is null)
                {
                    return Task.FromResult(host.Fail(ExitCodes.Usage, $"unknown interpreter '{name}' (known: {string.Join(", ", services.GetRequiredService<InterpreterCatalog>().Names)})."));
                }

                var speech = services.GetRequiredService<SpeechInput>();
                return RunBatchAsync(host.Console, line => VoiceLineAsync(speech, chosen, line, parseResult.GetValue(engine), token), token);
            }, cancellationToken));
        return command;
    }

    private static Option<string?> EngineOption() => new("--engine")
    {
        Description = "One speech engine (azure, google, pocketsphinx); without it the configured chain, the local engine last.",
    };

    /// <summary>Answers every line, as many at once as there are processors, writing the answers in input order.</summary>
    private static async Task<int> RunBatchAsync(CliConsole console, Func<string, Task<string>> answer, CancellationToken cancellationToken)
    {
        var parallel = Math.Max(1, Environment.ProcessorCount);
        var pending = new Queue<Task<string>>();
        var done = 0;
        var clock = Stopwatch.StartNew();
        async Task WriteNextAsync()
        {
            await console.Out.WriteLineAsync(await pending.Dequeue());
            done++;
            if (!console.IsErrorRedirected)
            {
                console.Error.Write($"\r{done:N0} clips  {done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):0.0} clips/s ");
                console.Error.Flush();
            }
        }

        while (await console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            pending.Enqueue(Task.Run(() => answer(line), cancellationToken));
            while (pending.Count >= parallel)
            {
                await WriteNextAsync();
            }
        }

        while (pending.Count > 0)
        {
            await WriteNextAsync();
        }

        if (!console.IsErrorRedirected)
        {
            console.Error.WriteLine();
        }

        await console.Out.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<string> TranscribeLineAsync(SpeechInput speech, string line, string? engine, CancellationToken cancellationToken)
    {
        var clip = Clip.Read(line);
        if (clip.Error is not null)
        {
            return Error(clip.Id, clip.Error);
        }

        try
        {
            var started = Stopwatch.StartNew();
            var heard = await clip.HearAsync(speech, engine, cancellationToken);
            return Json(writer =>
            {
                WriteId(writer, clip.Id);
                writer.WriteString("text", heard.Text);
                writer.WriteString("engine", heard.Engine);
                writer.WriteNumber("audioSeconds", Math.Round(heard.AudioSeconds, 2));
                writer.WriteNumber("elapsedMs", started.ElapsedMilliseconds);
                if (heard.Confidence is { } confidence)
                {
                    writer.WriteNumber("confidence", Math.Round(confidence, 3));
                }
            });
        }
        catch (Exception exception) when (Clip.IsItsFault(exception))
        {
            return Error(clip.Id, exception.Message);
        }
    }

    private static async Task<string> VoiceLineAsync(SpeechInput speech, IInterpreter interpreter, string line, string? engine, CancellationToken cancellationToken)
    {
        var clip = Clip.Read(line);
        if (clip.Error is not null)
        {
            return Error(clip.Id, clip.Error);
        }

        HeardSpeech heard;
        try
        {
            heard = await clip.HearAsync(speech, engine, cancellationToken);
        }
        catch (Exception exception) when (Clip.IsItsFault(exception))
        {
            return Error(clip.Id, exception.Message);
        }

        // The words are read exactly as a typed command with the same id, now and time zone would be.
        var typed = JsonNode.Parse(line)!.AsObject();
        typed.Remove("path");
        typed.Remove("hints");
        typed["text"] = heard.Text;
        var answer = JsonNode.Parse(await InterpretCommand.AnswerLineAsync(interpreter, typed.ToJsonString(), SystemClock.Instance, cancellationToken))!.AsObject();
        answer["transcript"] = heard.Text;
        return answer.ToJsonString(SerializerOptions);
    }

    /// <summary>One input line: its id (any JSON value), the audio file and the hints; or why it cannot be used.</summary>
    private sealed record Clip(JsonElement? Id, string? Path, IReadOnlyList<string> Hints, string? Error)
    {
        public static Clip Read(string line)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return new Clip(null, null, [], "the line is not a JSON object");
                }

                JsonElement? id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : null;
                if (!root.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String)
                {
                    return new Clip(id, null, [], "the line has no \"path\" string");
                }

                var hints = root.TryGetProperty("hints", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!).ToList()
                    : [];
                return new Clip(id, path.GetString(), hints, null);
            }
            catch (JsonException exception)
            {
                return new Clip(null, null, [], $"the line is not valid JSON: {exception.Message}");
            }
        }

        public async Task<HeardSpeech> HearAsync(SpeechInput speech, string? engine, CancellationToken cancellationToken)
        {
            var bytes = await File.ReadAllBytesAsync(Path!, cancellationToken);
            return await speech.HearAsync(bytes, contentType: null, new RecognitionHints(Hints), engine, cancellationToken);
        }

        /// <summary>Failures that belong to this line (its file, its audio, the engines), not to the whole batch.</summary>
        public static bool IsItsFault(Exception exception) =>
            exception is IOException or UnauthorizedAccessException or AudioException or SpeechEngineException or Application.Common.Exceptions.ValidationException;
    }

}
