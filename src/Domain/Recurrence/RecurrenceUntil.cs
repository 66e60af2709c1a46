using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Domain.Recurrence;

/// <summary>How an UNTIL value was written, which decides what it is compared with.</summary>
public enum RecurrenceUntilKind
{
    /// <summary>A UTC date-time ("20261231T225959Z"): compared with the occurrence's instant.</summary>
    Utc,

    /// <summary>A floating date-time ("20261231T235959"): compared with the occurrence's local wall-clock start.</summary>
    Local,

    /// <summary>A date ("20261231"): every occurrence starting on or before that local day is included.</summary>
    Date,
}

/// <summary>The inclusive UNTIL bound of a recurrence rule.</summary>
public sealed record RecurrenceUntil
{
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private RecurrenceUntil(RecurrenceUntilKind kind, LocalDateTime value)
    {
        Kind = kind;
        Value = value;
    }

    public RecurrenceUntilKind Kind { get; }

    /// <summary>The bound as written: a UTC date-time for <see cref="RecurrenceUntilKind.Utc"/>, otherwise local.</summary>
    public LocalDateTime Value { get; }

    public static RecurrenceUntil AtInstant(Instant instant) => new(RecurrenceUntilKind.Utc, instant.InUtc().LocalDateTime);

    public static RecurrenceUntil AtLocal(LocalDateTime local) => new(RecurrenceUntilKind.Local, local);

    public static RecurrenceUntil OnDate(LocalDate date) => new(RecurrenceUntilKind.Date, date.AtMidnight());

    internal static RecurrenceUntil? TryParse(string text)
    {
        if (text.Length == 8)
        {
            var date = DatePattern.Parse(text);
            return date.Success ? OnDate(date.Value) : null;
        }

        var isUtc = text.Length == 16 && (text[15] == 'Z' || text[15] == 'z');
        var local = DateTimePattern.Parse(isUtc ? text[..15] : text);
        if (!local.Success)
        {
            return null;
        }

        return new RecurrenceUntil(isUtc ? RecurrenceUntilKind.Utc : RecurrenceUntilKind.Local, local.Value);
    }

    public override string ToString() => Kind switch
    {
        RecurrenceUntilKind.Utc => DateTimePattern.Format(Value) + "Z",
        RecurrenceUntilKind.Local => DateTimePattern.Format(Value),
        _ => DatePattern.Format(Value.Date),
    };
}
