using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.PocketSphinx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Cli.Commands;

/// <summary>
/// <c>cleanassistant transcribe --jsonl</c>: one clip a line in (<c>{"id", "path"}</c>, optional <c>hints</c>), one transcript
/// a line out, in order (shared/contracts/transcribe.md). For now the local engine only; it needs no database and no network.
/// </summary>
public static class TranscribeCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliHost host)
    {
        var jsonl = new Option<bool>("--jsonl") { Description = "Read JSON lines ({\"id\", \"path\"}) on stdin and write one transcript a line on stdout." };
        var engine = new Option<string>("--engine")
        {
            Description = "Which speech engine answers (pocketsphinx: the local engine).",
            DefaultValueFactory = _ => PocketSphinxRecognizer.EngineName,
        };
        var model = new Option<PocketSphinxLanguageModel?>("--language-model")
        {
            Description = "Overrides Voice:PocketSphinx:LanguageModel: Domain (generated command model) or Generic (the stock en-us model).",
        };
        var command = new Command("transcribe", "Turns audio clips into text, per the transcribe contract.") { jsonl, engine, model };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!parseResult.GetValue(jsonl))
            {
                return host.Fail(ExitCodes.Usage, "transcribe reads a batch: pass --jsonl and JSON lines on stdin.");
            }

            var name = parseResult.GetValue(engine) ?? PocketSphinxRecognizer.EngineName;
            if (name != PocketSphinxRecognizer.EngineName)
            {
                return host.Fail(ExitCodes.Usage, $"unknown engine '{name}' (known: {PocketSphinxRecognizer.EngineName}).");
            }

            var configuration = new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables(CliHost.EnvironmentPrefix)
                .Build();
            var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            var languageModel = parseResult.GetValue(model);
            services.AddPocketSphinx(o =>
            {
                if (languageModel is { } chosen)
                {
                    o.LanguageModel = chosen;
                }
            });
            await using var provider = services.BuildServiceProvider();
            var recognizer = provider.GetRequiredService<PocketSphinxRecognizer>();
            var warm = Stopwatch.StartNew();
            recognizer.WarmUp();
            if (!host.Console.IsErrorRedirected)
            {
                host.Console.Error.WriteLine($"pocketsphinx ready in {warm.ElapsedMilliseconds} ms");
            }

            var parallel = Math.Max(1, Environment.ProcessorCount);
            return await RunBatchAsync(recognizer, host.Console, parallel, cancellationToken);
        });
        return command;
    }

    /// <summary>Transcribes every line, <paramref name="parallel"/> at a time, writing the answers in input order.</summary>
    public static async Task<int> RunBatchAsync(ISpeechRecognizer recognizer, CliConsole console, int parallel, CancellationToken cancellationToken)
    {
        var pending = new Queue<Task<string>>();
        var done = 0;
        var showProgress = !console.IsErrorRedirected;
        while (await console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            pending.Enqueue(Task.Run(() => AnswerLineAsync(recognizer, line, cancellationToken), cancellationToken));
            while (pending.Count >= parallel)
            {
                await console.Out.WriteLineAsync(await pending.Dequeue());
                Progress(console, showProgress, ++done);
            }
        }

        while (pending.Count > 0)
        {
            await console.Out.WriteLineAsync(await pending.Dequeue());
            Progress(console, showProgress, ++done);
        }

        if (showProgress)
        {
            console.Error.WriteLine();
        }

        await console.Out.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    private static void Progress(CliConsole console, bool show, int done)
    {
        if (show)
        {
            console.Error.Write($"\r{done} clips ");
            console.Error.Flush();
        }
    }

    /// <summary>The answer to one input line: the transcript, or <c>{"id", "error"}</c> when the line or its audio cannot be read.</summary>
    public static async Task<string> AnswerLineAsync(ISpeechRecognizer recognizer, string line, CancellationToken cancellationToken)
    {
        JsonElement? id = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Error(null, "the line is not a JSON object");
            }

            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.Clone();
            }

            if (!root.TryGetProperty("path", out var pathElement) || pathElement.ValueKind != JsonValueKind.String)
            {
                return Error(id, "the line has no \"path\" string");
            }

            var hints = new List<string>();
            if (root.TryGetProperty("hints", out var hintsElement) && hintsElement.ValueKind == JsonValueKind.Array)
            {
                hints.AddRange(hintsElement.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!));
            }

            var audio = await FfmpegPcm.DecodeAsync(pathElement.GetString()!, cancellationToken);
            var clock = Stopwatch.StartNew();
            var transcript = await recognizer.RecognizeAsync(audio, new RecognitionHints(hints), cancellationToken);
            var elapsed = clock.ElapsedMilliseconds;
            return Json(writer =>
            {
                WriteId(writer, id);
                writer.WriteString("text", transcript.Text);
                writer.WriteString("engine", transcript.Engine);
                writer.WriteNumber("audioSeconds", Math.Round(audio.Duration.TotalSeconds, 2));
                writer.WriteNumber("elapsedMs", elapsed);
                if (transcript.Confidence is { } confidence)
                {
                    writer.WriteNumber("confidence", Math.Round(confidence, 3));
                }
            });
        }
        catch (JsonException exception)
        {
            return Error(id, $"the line is not valid JSON: {exception.Message}");
        }
        catch (AudioException exception)
        {
            return Error(id, exception.Message);
        }
        catch (SpeechEngineException exception)
        {
            return Error(id, exception.Message);
        }
    }

    private static string Error(JsonElement? id, string message) => Json(writer =>
    {
        WriteId(writer, id);
        writer.WriteString("error", message);
    });

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement? id)
    {
        writer.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>
    /// A stand-in for the shared IAudioDecoder (FfmpegAudioDecoder, written in parallel): ffmpeg to 16 kHz mono s16 with
    /// the soxr resampler. Replace it with the shared decoder at merge.
    /// </summary>
    private static class FfmpegPcm
    {
        public static async Task<PcmAudio> DecodeAsync(string path, CancellationToken cancellationToken)
        {
            if (!File.Exists(path))
            {
                throw new AudioException("AUDIO_NOT_FOUND", $"no such file: {path}");
            }

            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-nostdin", "-v", "error", "-i", path, "-af", "aresample=16000:resampler=soxr", "-ac", "1", "-f", "s16le", "-" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new AudioException("AUDIO_DECODER_MISSING", "ffmpeg could not be started");
            using var output = new MemoryStream();
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 || output.Length == 0)
            {
                var message = (await errors).Trim();
                throw new AudioException("AUDIO_UNREADABLE", message.Length > 0 ? message.Split('\n')[^1] : "ffmpeg found no audio");
            }

            var bytes = output.GetBuffer().AsSpan(0, (int)(output.Length & ~1L));
            return new PcmAudio(MemoryMarshal.Cast<byte, short>(bytes).ToArray());
        }
    }
}
