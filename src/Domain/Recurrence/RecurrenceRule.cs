using System.Globalization;
using System.Text;
using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Recurrence;

/// <summary>
/// An RFC 5545 RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"), validated and immutable.
/// <see cref="ToString"/> gives the canonical text; <c>Parse(rule.ToString())</c> equals <c>rule</c>.
/// </summary>
public sealed record RecurrenceRule
{
    public const string InvalidCode = "INVALID_RECURRENCE";
    public const string UnsupportedCode = "UNSUPPORTED_RECURRENCE";

    private readonly string _text;

    private RecurrenceRule(Parts parts)
    {
        Frequency = parts.Frequency!.Value;
        Interval = parts.Interval ?? 1;
        Count = parts.Count;
        Until = parts.Until;
        ByDay = parts.ByDay ?? [];
        ByMonthDay = parts.ByMonthDay ?? [];
        ByYearDay = parts.ByYearDay ?? [];
        ByWeekNo = parts.ByWeekNo ?? [];
        ByMonth = parts.ByMonth ?? [];
        BySetPos = parts.BySetPos ?? [];
        ByHour = parts.ByHour ?? [];
        ByMinute = parts.ByMinute ?? [];
        BySecond = parts.BySecond ?? [];
        WeekStart = parts.WeekStart ?? IsoDayOfWeek.Monday;
        _text = Format();
    }

    public RecurrenceFrequency Frequency { get; }

    public int Interval { get; }

    public int? Count { get; }

    public RecurrenceUntil? Until { get; }

    public IReadOnlyList<RecurrenceWeekday> ByDay { get; }

    public IReadOnlyList<int> ByMonthDay { get; }

    public IReadOnlyList<int> ByYearDay { get; }

    public IReadOnlyList<int> ByWeekNo { get; }

    public IReadOnlyList<int> ByMonth { get; }

    public IReadOnlyList<int> BySetPos { get; }

    public IReadOnlyList<int> ByHour { get; }

    public IReadOnlyList<int> ByMinute { get; }

    public IReadOnlyList<int> BySecond { get; }

    public IsoDayOfWeek WeekStart { get; }

    /// <summary>Parses an RRULE value; an optional "RRULE:" prefix is accepted, names are case-insensitive.</summary>
    /// <exception cref="DomainException">
    /// <c>INVALID_RECURRENCE</c> naming the bad part, or <c>UNSUPPORTED_RECURRENCE</c> for HOURLY, MINUTELY and SECONDLY.
    /// </exception>
    public static RecurrenceRule Parse(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[6..];
        }

        if (value.Length == 0)
        {
            throw Invalid("The recurrence rule is empty.");
        }

        var parts = new Parts();
        foreach (var part in value.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Invalid($"'{part}' is not a NAME=VALUE rule part.");
            }

            var name = part[..eq].Trim().ToUpperInvariant();
            var raw = part[(eq + 1)..].Trim();
            if (!parts.Seen.Add(name))
            {
                throw Invalid($"{name} appears more than once.");
            }

            if (raw.Length == 0)
            {
                throw Invalid($"{name} has no value.");
            }

            Apply(parts, name, raw);
        }

        Validate(parts);
        return new RecurrenceRule(parts);
    }

    public bool Equals(RecurrenceRule? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text;

    /// <summary>The same rule, ending with the occurrence that starts at <paramref name="lastStart"/> at the latest (UNTIL in UTC).</summary>
    public RecurrenceRule EndingAt(Instant lastStart)
    {
        var kept = _text.Split(';').Where(part => !part.StartsWith("COUNT=", StringComparison.Ordinal) && !part.StartsWith("UNTIL=", StringComparison.Ordinal));
        var until = lastStart.InUtc().LocalDateTime;
        return Parse(string.Join(';', kept) + string.Create(CultureInfo.InvariantCulture, $";UNTIL={until:yyyyMMdd'T'HHmmss}Z"));
    }

    internal static DomainException Invalid(string message) => new(InvalidCode, message);

    private static void Apply(Parts parts, string name, string raw)
    {
        switch (name)
        {
            case "FREQ":
                parts.Frequency = raw.ToUpperInvariant() switch
                {
                    "DAILY" => RecurrenceFrequency.Daily,
                    "WEEKLY" => RecurrenceFrequency.Weekly,
                    "MONTHLY" => RecurrenceFrequency.Monthly,
                    "YEARLY" => RecurrenceFrequency.Yearly,
                    "HOURLY" or "MINUTELY" or "SECONDLY" => throw new DomainException(
                        UnsupportedCode, $"FREQ={raw.ToUpperInvariant()} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY."),
                    _ => throw Invalid($"FREQ '{raw}' is not a recurrence frequency."),
                };
                break;
            case "INTERVAL":
                parts.Interval = Number(name, raw, 1, 10_000);
                break;
            case "COUNT":
                parts.Count = Number(name, raw, 1, 100_000);
                break;
            case "UNTIL":
                parts.Until = RecurrenceUntil.TryParse(raw)
                    ?? throw Invalid($"UNTIL '{raw}' is not a date (20261231), local date-time (20261231T235959) or UTC date-time (20261231T225959Z).");
                break;
            case "BYDAY":
                parts.ByDay = [.. raw.Split(',').Select(ParseWeekday).Distinct().OrderBy(d => d.Day).ThenBy(d => d.Ordinal)];
                break;
            case "BYMONTHDAY":
                parts.ByMonthDay = Numbers(name, raw, 1, 31, signed: true);
                break;
            case "BYYEARDAY":
                parts.ByYearDay = Numbers(name, raw, 1, 366, signed: true);
                break;
            case "BYWEEKNO":
                parts.ByWeekNo = Numbers(name, raw, 1, 53, signed: true);
                break;
            case "BYMONTH":
                parts.ByMonth = Numbers(name, raw, 1, 12, signed: false);
                break;
            case "BYSETPOS":
                parts.BySetPos = Numbers(name, raw, 1, 366, signed: true);
                break;
            case "BYHOUR":
                parts.ByHour = Numbers(name, raw, 0, 23, signed: false);
                break;
            case "BYMINUTE":
                parts.ByMinute = Numbers(name, raw, 0, 59, signed: false);
                break;
            case "BYSECOND":
                parts.BySecond = Numbers(name, raw, 0, 59, signed: false);
                break;
            case "WKST":
                parts.WeekStart = RecurrenceText.ParseDay(raw) ?? throw Invalid($"WKST '{raw}' is not a weekday (MO..SU).");
                break;
            default:
                throw Invalid($"'{name}' is not a recurrence rule part.");
        }
    }

    private static void Validate(Parts parts)
    {
        var frequency = parts.Frequency ?? throw Invalid("FREQ is required.");
        if (parts.Count is not null && parts.Until is not null)
        {
            throw Invalid("COUNT and UNTIL must not both be given.");
        }

        if (parts.ByMonthDay is not null && frequency == RecurrenceFrequency.Weekly)
        {
            throw Invalid("BYMONTHDAY must not be used with FREQ=WEEKLY.");
        }

        if (parts.ByYearDay is not null && frequency != RecurrenceFrequency.Yearly)
        {
            throw Invalid("BYYEARDAY may only be used with FREQ=YEARLY.");
        }

        if (parts.ByWeekNo is not null && frequency != RecurrenceFrequency.Yearly)
        {
            throw Invalid("BYWEEKNO may only be used with FREQ=YEARLY.");
        }

        if (parts.ByDay is { } byDay && byDay.Any(d => d.Ordinal != 0))
        {
            if (frequency is RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly)
            {
                throw Invalid("BYDAY ordinals (like 1MO) need FREQ=MONTHLY or FREQ=YEARLY.");
            }

            if (parts.ByWeekNo is not null)
            {
                throw Invalid("BYDAY ordinals (like 1MO) must not be combined with BYWEEKNO.");
            }

            var limit = frequency == RecurrenceFrequency.Monthly || parts.ByMonth is not null ? 5 : 53;
            if (byDay.Any(d => Math.Abs(d.Ordinal) > limit))
            {
                throw Invalid($"BYDAY ordinals must be between -{limit} and {limit} here.");
            }
        }

        if (parts.BySetPos is not null
            && parts.ByDay is null && parts.ByMonthDay is null && parts.ByYearDay is null && parts.ByWeekNo is null
            && parts.ByMonth is null && parts.ByHour is null && parts.ByMinute is null && parts.BySecond is null)
        {
            throw Invalid("BYSETPOS needs another BYxxx rule part to select from.");
        }
    }

    private static RecurrenceWeekday ParseWeekday(string item)
    {
        var text = item.Trim();
        if (text.Length < 2)
        {
            throw Invalid($"BYDAY '{item}' is not a weekday like MO, 1MO or -1FR.");
        }

        var day = RecurrenceText.ParseDay(text.AsSpan(text.Length - 2))
            ?? throw Invalid($"BYDAY '{item}' is not a weekday like MO, 1MO or -1FR.");
        var ordinalText = text[..^2];
        if (ordinalText.Length == 0)
        {
            return new RecurrenceWeekday(day);
        }

        if (!int.TryParse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ordinal)
            || ordinal == 0 || Math.Abs(ordinal) > 53)
        {
            throw Invalid($"BYDAY '{item}' has an ordinal outside -53..-1 and 1..53.");
        }

        return new RecurrenceWeekday(day, ordinal);
    }

    private static int Number(string name, string raw, int min, int max) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid($"{name} must be a whole number from {min} to {max}, not '{raw}'.");

    private static int[] Numbers(string name, string raw, int min, int max, bool signed)
    {
        var values = new SortedSet<int>();
        foreach (var item in raw.Split(','))
        {
            var styles = signed ? NumberStyles.AllowLeadingSign : NumberStyles.None;
            if (!int.TryParse(item.Trim(), styles, CultureInfo.InvariantCulture, out var value)
                || Math.Abs(value) < min || Math.Abs(value) > max || (!signed && value < min))
            {
                var range = signed ? $"-{max}..-{min} or {min}..{max}" : $"{min}..{max}";
                throw Invalid($"{name} value '{item}' is outside {range}.");
            }

            values.Add(value);
        }

        return [.. values];
    }

    private string Format()
    {
        var text = new StringBuilder("FREQ=").Append(Frequency.ToString().ToUpperInvariant());
        if (Until is not null)
        {
            text.Append(";UNTIL=").Append(Until);
        }

        if (Count is { } count)
        {
            text.Append(";COUNT=").Append(count);
        }

        if (Interval != 1)
        {
            text.Append(";INTERVAL=").Append(Interval);
        }

        AppendList(text, "BYSECOND", BySecond);
        AppendList(text, "BYMINUTE", ByMinute);
        AppendList(text, "BYHOUR", ByHour);
        AppendList(text, "BYDAY", ByDay);
        AppendList(text, "BYMONTHDAY", ByMonthDay);
        AppendList(text, "BYYEARDAY", ByYearDay);
        AppendList(text, "BYWEEKNO", ByWeekNo);
        AppendList(text, "BYMONTH", ByMonth);
        AppendList(text, "BYSETPOS", BySetPos);
        if (WeekStart != IsoDayOfWeek.Monday)
        {
            text.Append(";WKST=").Append(RecurrenceText.DayCode(WeekStart));
        }

        return text.ToString();
    }

    private static void AppendList<T>(StringBuilder text, string name, IReadOnlyList<T> values)
    {
        if (values.Count > 0)
        {
            text.Append(';').Append(name).Append('=').AppendJoin(',', values);
        }
    }

    private sealed class Parts
    {
        public HashSet<string> Seen { get; } = [];

        public RecurrenceFrequency? Frequency { get; set; }

        public int? Interval { get; set; }

        public int? Count { get; set; }

        public RecurrenceUntil? Until { get; set; }

        public RecurrenceWeekday[]? ByDay { get; set; }

        public int[]? ByMonthDay { get; set; }

        public int[]? ByYearDay { get; set; }

        public int[]? ByWeekNo { get; set; }

        public int[]? ByMonth { get; set; }

        public int[]? BySetPos { get; set; }

        public int[]? ByHour { get; set; }

        public int[]? ByMinute { get; set; }

        public int[]? BySecond { get; set; }

        public IsoDayOfWeek? WeekStart { get; set; }
    }
}
