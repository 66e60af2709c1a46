using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>
/// <c>DateTime</c>: an instant as ISO 8601 with an offset or Z ("2026-12-01T09:00:00+01:00"); always
/// returned in UTC ("2026-12-01T08:00:00Z"). A time without offset is refused: it would be ambiguous.
/// </summary>
public sealed class InstantGraphType : ScalarGraphType
{
    public InstantGraphType()
    {
        Name = "DateTime";
        Description = "An instant in time, ISO 8601 with an offset or Z, e.g. \"2026-12-01T09:00:00+01:00\". Returned in UTC.";
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
        Instant i => i,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        Instant i => InstantPattern.ExtendedIso.Format(i),
        _ => ThrowSerializationError(value),
    };

    private static Instant Parse(string text)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return result.Success
            ? result.Value.ToInstant()
            : throw new FormatException($"'{text}' is not an ISO 8601 date-time with an offset, such as 2026-12-01T09:00:00+01:00 or 2026-12-01T08:00:00Z.");
    }
}

/// <summary><c>Date</c>: a calendar day without time or zone, ISO 8601 ("2026-12-24").</summary>
public sealed class LocalDateGraphType : ScalarGraphType
{
    public LocalDateGraphType()
    {
        Name = "Date";
        Description = "A calendar day without a time or zone, ISO 8601, e.g. \"2026-12-24\".";
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
        LocalDate d => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        LocalDate d => LocalDatePattern.Iso.Format(d),
        _ => ThrowSerializationError(value),
    };

    private static LocalDate Parse(string text)
    {
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw new FormatException($"'{text}' is not an ISO 8601 date such as 2026-12-24.");
    }
}

/// <summary><c>Time</c>: a wall-clock time of day, "HH:mm" (seconds optional).</summary>
public sealed class LocalTimeGraphType : ScalarGraphType
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern WithSeconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    public LocalTimeGraphType()
    {
        Name = "Time";
        Description = "A wall-clock time of day in the person's own zone, \"HH:mm\", e.g. \"09:30\".";
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
        LocalTime t => t,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        LocalTime t => Pattern.Format(t),
        _ => ThrowSerializationError(value),
    };

    private static LocalTime Parse(string text)
    {
        var result = Pattern.Parse(text);
        if (!result.Success)
        {
            result = WithSeconds.Parse(text);
        }

        return result.Success ? result.Value : throw new FormatException($"'{text}' is not a time of day such as 09:30.");
    }
}

/// <summary><c>LocalDateTime</c>: a wall-clock date and time without zone, ISO 8601 ("2026-12-01T09:00:00").</summary>
public sealed class LocalDateTimeGraphType : ScalarGraphType
{
    public LocalDateTimeGraphType()
    {
        Name = "LocalDateTime";
        Description = "A wall-clock date and time without a zone, ISO 8601, e.g. \"2026-12-01T09:00:00\". Identifies an occurrence of a series (RECURRENCE-ID) in the series' zone.";
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
        LocalDateTime d => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        LocalDateTime d => LocalDateTimePattern.ExtendedIso.Format(d),
        _ => ThrowSerializationError(value),
    };

    private static LocalDateTime Parse(string text)
    {
        var result = LocalDateTimePattern.ExtendedIso.Parse(text);
        return result.Success ? result.Value : throw new FormatException($"'{text}' is not a local date-time such as 2026-12-01T09:00:00.");
    }
}
