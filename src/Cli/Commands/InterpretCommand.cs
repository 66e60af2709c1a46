using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Infrastructure.Interpretation;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

using static CleanAssistant.Cli.Commands.JsonLines;

namespace CleanAssistant.Cli.Commands;

/// <summary>
/// <c>cleanassistant interpret --jsonl</c>: one utterance a line in, one command a line out, in order
/// (shared/contracts/interpret.md). The offline interpreter needs no database and no network: it never builds the server's services.
/// </summary>
public static class InterpretCommand
{
    private static readonly OffsetDateTimePattern InstantPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    private static readonly LocalDateTimePattern NowPattern = LocalDateTimePattern.ExtendedIso;

    public static Command Create(CliHost host)
    {
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Read JSON lines ({\"id\", \"text\", \"now\", \"timeZone\"}) on stdin and write one answer a line on stdout.",
        };
        var interpreter = new Option<string>("--interpreter")
        {
            Description = "Which interpreter answers: offline (rule-based, the default, no configuration), auto (the configured chain), "
                + "or a provider configured under Interpretation:Providers (then offline if it fails).",
            DefaultValueFactory = _ => "offline",
        };
        var command = new Command("interpret", "Turns utterances into calendar commands, per the interpret contract.") { jsonl, interpreter };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!parseResult.GetValue(jsonl))
            {
                return host.Fail(ExitCodes.Usage, "interpret reads a batch: pass --jsonl and JSON lines on stdin.");
            }

            var name = parseResult.GetValue(interpreter) ?? "offline";
            if (name == "offline")
            {
                return await RunBatchAsync(new OfflineInterpreter(), host.Console, SystemClock.Instance, cancellationToken, StandardInputLength());
            }

            // Any other name comes from configuration (docs/llm-interpreters.md); only then are services built.
            return await host.RunAsync(parseResult, async (services, token) =>
            {
                var catalog = services.GetRequiredService<InterpreterCatalog>();
                return catalog.Find(name) is { } chosen
                    ? await RunBatchAsync(chosen, host.Console, SystemClock.Instance, token, StandardInputLength())
                    : host.Fail(ExitCodes.Usage, $"unknown interpreter '{name}' (known: {string.Join(", ", catalog.Names)}).");
            }, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunBatchAsync(
        IInterpreter interpreter, CliConsole console, IClock clock, CancellationToken cancellationToken, long? inputBytes = null)
    {
        var progress = console.IsErrorRedirected ? null : new Progress(console.Error, inputBytes);
        while (await console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            progress?.Read(line);
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await console.Out.WriteLineAsync(await AnswerLineAsync(interpreter, line, clock, cancellationToken));
            progress?.Answered();
        }

        progress?.Done();
        await console.Out.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>The size of standard input when it is a file (<c>&lt; cases.jsonl</c>), so progress can show a percentage.</summary>
    private static long? StandardInputLength()
    {
        try
        {
            return File.ResolveLinkTarget("/proc/self/fd/0", returnFinalTarget: true) is FileInfo { Exists: true } file ? file.Length : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A progress bar on a terminal's stderr: lines answered, lines a second and, when the input's size is known, the share done.</summary>
    private sealed class Progress(TextWriter error, long? totalBytes)
    {
        private const int Width = 30;
        private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _drawn = -Every;
        private long _bytes;
        private int _count;

        public void Read(string line) => _bytes += Encoding.UTF8.GetByteCount(line) + 1;

        public void Answered()
        {
            _count++;
            if (_clock.Elapsed - _drawn >= Every)
            {
                Draw();
            }
        }

        public void Done()
        {
            Draw();
            error.WriteLine();
        }

        private void Draw()
        {
            _drawn = _clock.Elapsed;
            var rate = _count / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
            var text = new StringBuilder("\r");
            if (totalBytes is > 0 and var total)
            {
                var share = Math.Min(1.0, (double)_bytes / total);
                var filled = (int)Math.Round(share * Width);
                text.Append('[').Append('#', filled).Append('.', Width - filled).Append("] ")
                    .Append(CultureInfo.InvariantCulture, $"{share * 100,3:0}%  ");
            }

            text.Append(CultureInfo.InvariantCulture, $"{_count:N0} lines  {rate:N0} lines/s ");
            error.Write(text.ToString());
            error.Flush();
        }
    }

    /// <summary>The answer to one input line: the interpretation, or <c>{"id", "error"}</c> when the line cannot be read.</summary>
    public static async Task<string> AnswerLineAsync(IInterpreter interpreter, string line, IClock clock, CancellationToken cancellationToken)
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

            if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                return Error(id, "the line has no \"text\" string");
            }

            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(
                root.TryGetProperty("timeZone", out var zoneElement) && zoneElement.ValueKind == JsonValueKind.String ? zoneElement.GetString()! : "UTC");
            if (zone is null)
            {
                return Error(id, $"unknown time zone \"{zoneElement.GetString()}\"");
            }

            LocalDateTime now;
            if (root.TryGetProperty("now", out var nowElement) && nowElement.ValueKind == JsonValueKind.String)
            {
                var parsed = NowPattern.Parse(nowElement.GetString()!);
                if (!parsed.Success)
                {
                    return Error(id, $"\"now\" is not a local ISO 8601 date and time: {nowElement.GetString()}");
                }

                now = parsed.Value;
            }
            else
            {
                now = clock.GetCurrentInstant().InZone(zone).LocalDateTime;
            }

            var request = new InterpretationRequest(textElement.GetString()!, now, zone);
            return Write(id, await interpreter.InterpretAsync(request, cancellationToken), zone);
        }
        catch (JsonException exception)
        {
            return Error(id, $"the line is not valid JSON: {exception.Message}");
        }
    }

    private static string Write(JsonElement? id, Interpretation answer, DateTimeZone zone) => Json(writer =>
    {
        WriteId(writer, id);
        writer.WriteString("intent", answer.Intent.ToString());
        WriteString(writer, "title", answer.Title);
        WriteInstant(writer, "start", answer.Start);
        WriteInstant(writer, "end", answer.End);
        WriteNumber(writer, "durationMinutes", answer.DurationMinutes);
        if (answer.AllDay is { } allDay)
        {
            writer.WriteBoolean("allDay", allDay);
        }

        WriteList(writer, "attendees", answer.Attendees);
        WriteString(writer, "location", answer.Location);
        WriteString(writer, "recurrence", answer.Recurrence);
        WriteList(writer, "exceptDates", answer.ExceptDates?.Select(d => LocalDatePattern.Iso.Format(d)).ToList());
        WriteNumber(writer, "reminderMinutesBefore", answer.ReminderMinutesBefore);
        if (answer.Target is { PointsBack: false } target)
        {
            writer.WriteStartObject("target");
            WriteString(writer, "title", target.Title);
            WriteInstant(writer, "start", target.Start);
            if (target.Date is { } date)
            {
                writer.WriteString("date", LocalDatePattern.Iso.Format(date));
            }

            writer.WriteEndObject();
        }

        // A new day without a clock time: the contract's newStart is that day's start; newDate lets a conversation keep the event's own time.
        WriteInstant(writer, "newStart", answer.NewStart ?? (answer.NewDate is { } newDay ? newDay.AtStartOfDayInZone(zone).ToOffsetDateTime() : null));
        if (answer.NewDate is { } moved)
        {
            writer.WriteString("newDate", LocalDatePattern.Iso.Format(moved));
        }

        WriteNumber(writer, "shiftMinutes", answer.ShiftMinutes);
        WriteInstant(writer, "newEnd", answer.NewEnd);
        WriteList(writer, "addAttendees", answer.AddAttendees);
        WriteList(writer, "removeAttendees", answer.RemoveAttendees);
        WriteInstant(writer, "rangeStart", answer.RangeStart);
        WriteInstant(writer, "rangeEnd", answer.RangeEnd);
        WriteInstant(writer, "remindAt", answer.RemindAt);
        if (answer.Confidence < 1)
        {
            writer.WriteNumber("confidence", answer.Confidence);
        }

        if (answer.Alternatives.Count > 0)
        {
            writer.WriteStartArray("alternatives");
            foreach (var alternative in answer.Alternatives)
            {
                writer.WriteStartObject();
                writer.WriteString("phrase", alternative.Phrase);
                writer.WriteString("meaning", alternative.Meaning);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    });


    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteInstant(Utf8JsonWriter writer, string name, OffsetDateTime? value)
    {
        if (value is { } instant)
        {
            writer.WriteString(name, InstantPattern.Format(instant));
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }
    }
}
