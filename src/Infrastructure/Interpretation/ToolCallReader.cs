using System.Text.Json;
using CleanAssistant.Application.Interpretation;
using Command = CleanAssistant.Application.Interpretation.Interpretation;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Infrastructure.Interpretation;

/// <summary>
/// Checks a model's tool call against the prompt's tool schemas and turns it into an <see cref="Interpretation"/>.
/// Times follow the contract's conventions: the user's own words go through the offline resolver
/// (<see cref="TimePhrases"/>); only when they do not resolve is the model's ISO value used, placed in the user's zone.
/// </summary>
internal static class ToolCallReader
{
    /// <summary>The confidence of a reading when the model gives none.</summary>
    public const double DefaultConfidence = 0.9;

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.ExtendedIso;
    private static readonly OffsetDateTimePattern OffsetPattern = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static Command Read(PromptTemplate prompt, string toolName, JsonElement arguments, InterpretationRequest request, string interpreter)
    {
        var tool = prompt.Tool(toolName) ?? throw new InvalidToolCallException("unknown tool");
        Validate(tool, arguments);
        var call = new Call(arguments, request);
        var interpretation = tool.Name switch
        {
            "create_event" => CreateEvent(call),
            "reschedule_event" => RescheduleEvent(call),
            "cancel_event" => new Command(Intent.CancelEvent) { Target = call.Target() },
            "update_event" => new Command(Intent.UpdateEvent)
            {
                Target = call.Target(),
                Title = call.String("title"),
                Location = call.String("location"),
                AddAttendees = call.Strings("add_attendees"),
                RemoveAttendees = call.Strings("remove_attendees"),
            },
            "query_agenda" => Ranged(new Command(Intent.QueryAgenda) { Attendees = call.Strings("attendees") }, call),
            "find_free_time" => Ranged(
                new Command(Intent.FindFreeTime) { Attendees = call.Strings("attendees"), DurationMinutes = call.Int("duration_minutes") }, call),
            "create_reminder" => CreateReminder(call),
            "summarize_meeting" => new Command(Intent.SummarizeMeeting) { Target = call.Target() },
            "unknown" => new Command(Intent.Unknown),
            _ => throw new InvalidToolCallException($"tool '{tool.Name}' has no reading"),
        };
        return interpretation with { Interpreter = interpreter, Confidence = call.Number("confidence") ?? DefaultConfidence };
    }

    private static Command CreateEvent(Call call)
    {
        var resolved = call.Moment("when", reminder: false);
        var allDay = resolved?.AllDay ?? call.Bool("all_day") ?? false;
        return new Command(Intent.CreateEvent)
        {
            Title = call.String("title"),
            Start = resolved?.Start ?? call.Instant("start", allDay),
            End = resolved?.End ?? call.Instant("end", allDay),
            AllDay = allDay ? true : null,
            DurationMinutes = call.Int("duration_minutes"),
            Attendees = call.Strings("attendees"),
            Location = call.String("location"),
            Recurrence = resolved?.Recurrence ?? call.String("recurrence"),
            ExceptDates = call.Strings("except_dates")?.Select(d => Call.Date(d, "except_dates")).ToList(),
            ReminderMinutesBefore = call.Int("reminder_minutes_before"),
        };
    }

    private static Command RescheduleEvent(Call call)
    {
        var resolved = call.Moment("new_when", reminder: false);
        return new Command(Intent.RescheduleEvent)
        {
            Target = call.Target(),
            NewStart = resolved?.Start ?? call.Instant("new_start", allDay: false),
            NewEnd = resolved?.End ?? call.Instant("new_end", allDay: false),
            DurationMinutes = call.Int("duration_minutes"),
        };
    }

    private static Command CreateReminder(Call call)
    {
        var resolved = call.Moment("when", reminder: true);
        return new Command(Intent.CreateReminder)
        {
            Title = call.String("title"),
            RemindAt = resolved?.Start ?? call.Instant("remind_at", allDay: false),
            Recurrence = resolved?.Recurrence ?? call.String("recurrence"),
        };
    }

    private static Command Ranged(Command interpretation, Call call)
    {
        if (call.String("when") is { } when && TimePhrases.Range(when, call.Request) is { } range)
        {
            return interpretation with { RangeStart = range.Start, RangeEnd = range.End };
        }

        return interpretation with { RangeStart = call.Instant("range_start", allDay: false), RangeEnd = call.Instant("range_end", allDay: false) };
    }

    /// <summary>The subset of JSON schema the tools use: an object with typed, possibly required, enumerated properties and nothing else.</summary>
    private static void Validate(ToolSchema tool, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidToolCallException($"{tool.Name}: the arguments are not a JSON object");
        }

        var properties = tool.Parameters.GetProperty("properties");
        if (tool.Parameters.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    throw new InvalidToolCallException($"{tool.Name}: the required argument '{name}' is missing");
                }
            }
        }

        foreach (var argument in arguments.EnumerateObject())
        {
            if (!properties.TryGetProperty(argument.Name, out var schema))
            {
                throw new InvalidToolCallException($"{tool.Name}: unknown argument");
            }

            if (argument.Value.ValueKind != JsonValueKind.Null && !Matches(schema, argument.Value))
            {
                throw new InvalidToolCallException($"{tool.Name}: the argument '{argument.Name}' does not match its schema");
            }
        }
    }

    private static bool Matches(JsonElement schema, JsonElement value)
    {
        var fits = schema.GetProperty("type").GetString() switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "array" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => Matches(schema.GetProperty("items"), item)),
            _ => false,
        };
        if (fits && schema.TryGetProperty("enum", out var allowed))
        {
            fits = allowed.EnumerateArray().Any(a => a.GetString() == value.GetString());
        }

        if (fits && value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            fits = (!schema.TryGetProperty("minimum", out var min) || number >= min.GetDouble())
                && (!schema.TryGetProperty("maximum", out var max) || number <= max.GetDouble());
        }

        return fits;
    }

    /// <summary>One validated argument object, read in the request's zone.</summary>
    private sealed class Call(JsonElement arguments, InterpretationRequest request)
    {
        public InterpretationRequest Request => request;

        public string? String(string name) =>
            arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text.Trim()
                : null;

        public int? Int(string name) => Value(name) is { } value ? value.GetInt32() : null;

        public double? Number(string name) => Value(name) is { } value ? value.GetDouble() : null;

        public bool? Bool(string name) => Value(name) is { } value ? value.GetBoolean() : null;

        public List<string>? Strings(string name) => Value(name) is { } value
            ? value.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0).ToList() is { Count: > 0 } list ? list : null
            : null;

        public ResolvedTime? Moment(string name, bool reminder) =>
            String(name) is { } phrase ? TimePhrases.Moment(phrase, request, reminder) : null;

        /// <summary>An ISO value from the model: local (placed in the user's zone, leniently across DST gaps) or with an offset.</summary>
        public OffsetDateTime? Instant(string name, bool allDay)
        {
            if (String(name) is not { } text)
            {
                return null;
            }

            if (LocalPattern.Parse(text) is { Success: true } local)
            {
                var value = allDay ? local.Value.Date.AtMidnight() : local.Value;
                return value.InZoneLeniently(request.Zone).ToOffsetDateTime();
            }

            if (OffsetPattern.Parse(text) is { Success: true } offset)
            {
                return offset.Value.ToInstant().InZone(request.Zone).ToOffsetDateTime();
            }

            if (DatePattern.Parse(text) is { Success: true } date)
            {
                return date.Value.AtStartOfDayInZone(request.Zone).ToOffsetDateTime();
            }

            throw new InvalidToolCallException($"the argument '{name}' is not an ISO 8601 date and time");
        }

        public static LocalDate Date(string text, string name) => DatePattern.Parse(text) is { Success: true } date
            ? date.Value
            : throw new InvalidToolCallException($"the argument '{name}' holds a value that is not an ISO 8601 date");

        public EventReference? Target()
        {
            var title = String("target_title");
            OffsetDateTime? start = null;
            LocalDate? date = null;
            if (Moment("target_when", reminder: false) is { } resolved)
            {
                if (resolved.AllDay)
                {
                    date = resolved.Start.Date;
                }
                else
                {
                    start = resolved.Start;
                }
            }
            else
            {
                start = Instant("target_start", allDay: false);
                date = String("target_date") is { } text ? Date(text, "target_date") : null;
            }

            var pointsBack = Bool("points_back") ?? false;
            return title is null && start is null && date is null && !pointsBack
                ? null
                : new EventReference(title, start, date) { PointsBack = pointsBack && title is null };
        }

        private JsonElement? Value(string name) =>
            arguments.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }
}

/// <summary>
/// A model answered, but not with a call our tools accept; the chain moves on. The message is logged, so it
/// names only our own tools and arguments, never what the model wrote (which may repeat the utterance).
/// </summary>
public sealed class InvalidToolCallException(string message) : Exception(message);
