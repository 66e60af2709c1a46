using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>A NodaTime value carried as an ISO 8601 string; input that does not parse gets the example in the error.</summary>
public abstract class TextScalarGraphType<T> : ScalarGraphType
    where T : struct
{
    private readonly Func<string, ParseResult<T>> _parse;
    private readonly Func<T, string> _format;
    private readonly string _example;

    protected TextScalarGraphType(string name, string description, string example, Func<string, ParseResult<T>> parse, Func<T, string> format)
    {
        Name = name;
        Description = description;
        _example = example;
        _parse = parse;
        _format = format;
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => Parse((string)s.Value),
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => Parse(s),
        T parsed => parsed,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        T typed => _format(typed),
        _ => ThrowSerializationError(value),
    };

    private T Parse(string text)
    {
        var result = _parse(text);
        return result.Success ? result.Value : throw new FormatException($"'{text}' is not a {Name} such as {_example}.");
    }
}

/// <summary>
/// <c>DateTime</c>: an instant as ISO 8601 with an offset or Z ("2026-12-01T09:00:00+01:00"); always
/// returned in UTC ("2026-12-01T08:00:00Z"). A time without offset is refused: it would be ambiguous.
/// </summary>
public sealed class InstantGraphType() : TextScalarGraphType<Instant>(
    "DateTime",
    "An instant in time, ISO 8601 with an offset or Z, e.g. \"2026-12-01T09:00:00+01:00\". Returned in UTC.",
    "2026-12-01T09:00:00+01:00 or 2026-12-01T08:00:00Z",
    text => OffsetDateTimePattern.ExtendedIso.Parse(text).Convert(o => o.ToInstant()),
    InstantPattern.ExtendedIso.Format);

/// <summary><c>Date</c>: a calendar day without time or zone, ISO 8601 ("2026-12-24").</summary>
public sealed class LocalDateGraphType() : TextScalarGraphType<LocalDate>(
    "Date",
    "A calendar day without a time or zone, ISO 8601, e.g. \"2026-12-24\".",
    "2026-12-24",
    LocalDatePattern.Iso.Parse,
    LocalDatePattern.Iso.Format);

/// <summary><c>Time</c>: a wall-clock time of day, "HH:mm" (seconds optional).</summary>
public sealed class LocalTimeGraphType() : TextScalarGraphType<LocalTime>(
    "Time",
    "A wall-clock time of day in the person's own zone, \"HH:mm\", e.g. \"09:30\".",
    "09:30",
    text => text.Length <= 5 ? ShortTime.Parse(text) : LocalTimePattern.ExtendedIso.Parse(text),
    ShortTime.Format)
{
    private static readonly LocalTimePattern ShortTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
}

/// <summary><c>LocalDateTime</c>: a wall-clock date and time without zone, ISO 8601 ("2026-12-01T09:00:00").</summary>
public sealed class LocalDateTimeGraphType() : TextScalarGraphType<LocalDateTime>(
    "LocalDateTime",
    "A wall-clock date and time without a zone, ISO 8601, e.g. \"2026-12-01T09:00:00\". Identifies an occurrence of a series (RECURRENCE-ID) in the series' zone.",
    "2026-12-01T09:00:00",
    LocalDateTimePattern.ExtendedIso.Parse,
    LocalDateTimePattern.ExtendedIso.Format);
