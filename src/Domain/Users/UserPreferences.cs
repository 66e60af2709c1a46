using System.Globalization;
using System.Text;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Scheduling;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Domain.Users;

/// <summary>
/// How a user works and likes meetings. The week is written as text, one day per part, e.g.
/// "MO-FR 09:00-17:00" or "MO,TU,TH 09:00-12:00,13:00-17:30; WE 10:00-14:00" (days not named are off).
/// </summary>
public sealed record UserPreferences
{
    public const string DefaultWorkWeek = "MO-FR 09:00-17:00";
    public static readonly Duration MaxBuffer = Duration.FromHours(4);
    public static readonly Duration MaxMeetingLength = Duration.FromHours(12);

    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static UserPreferences Default { get; } = new();

    public string WorkWeek { get; init; } = DefaultWorkWeek;

    public Duration DefaultMeetingLength { get; init; } = Duration.FromMinutes(30);

    public Duration BufferBefore { get; init; } = Duration.Zero;

    public Duration BufferAfter { get; init; } = Duration.Zero;

    public TimeOfDayPreference PreferredTimeOfDay { get; init; }

    public LocalTime? EarliestLocal { get; init; }

    public LocalTime? LatestLocal { get; init; }

    /// <summary>How the assistant reads expressions people disagree on ("next Friday", "at 7").</summary>
    public AmbiguityPreferences Ambiguity { get; init; } = AmbiguityPreferences.Default;

    /// <summary>Checks every part and returns the preferences with the week in canonical form.</summary>
    public UserPreferences Validated()
    {
        var week = ParseWeek(WorkWeek);
        if (DefaultMeetingLength <= Duration.Zero || DefaultMeetingLength > MaxMeetingLength)
        {
            throw new DomainException("INVALID_PREFERENCES", "The default meeting length must be between 1 minute and 12 hours.");
        }

        if (BufferBefore < Duration.Zero || BufferAfter < Duration.Zero || BufferBefore > MaxBuffer || BufferAfter > MaxBuffer)
        {
            throw new DomainException("INVALID_PREFERENCES", "Buffers must be between 0 and 4 hours.");
        }

        if (EarliestLocal is { } earliest && LatestLocal is { } latest && latest <= earliest)
        {
            throw new DomainException("INVALID_PREFERENCES", "The latest meeting time must be after the earliest.");
        }

        return this with { WorkWeek = FormatWeek(week) };
    }

    public WorkingHours WorkingHoursIn(TimeZoneId zone) => new(zone.Zone, ParseWeek(WorkWeek));

    public SchedulingPreferences ToSchedulingPreferences() => new()
    {
        BufferBefore = BufferBefore,
        BufferAfter = BufferAfter,
        PreferredTimeOfDay = PreferredTimeOfDay,
        EarliestLocal = EarliestLocal,
        LatestLocal = LatestLocal,
    };

    public static Dictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> ParseWeek(string? text)
    {
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>>();
        foreach (var part in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pieces.Length != 2)
            {
                throw Invalid(part, "expected days and times, like \"MO-FR 09:00-17:00\"");
            }

            var ranges = pieces[1].Split(',', StringSplitOptions.TrimEntries).Select(r => ParseRange(part, r)).ToList();
            foreach (var day in ParseDays(part, pieces[0]))
            {
                if (week.ContainsKey(day))
                {
                    throw Invalid(part, $"{DayCodes[(int)day - 1]} is given twice");
                }

                week[day] = ranges;
            }
        }

        _ = new WorkingHours(DateTimeZone.Utc, week);
        return week;
    }

    public static string FormatWeek(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> week)
    {
        var text = new StringBuilder();
        foreach (var group in week.OrderBy(d => d.Key).GroupBy(d => FormatRanges(d.Value), StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(string.Join(',', group.Select(d => DayCodes[(int)d.Key - 1]))).Append(' ').Append(group.Key);
        }

        return text.ToString();
    }

    private static string FormatRanges(IReadOnlyList<LocalTimeRange> ranges) =>
        string.Join(',', ranges.Select(r => $"{TimePattern.Format(r.Start)}-{(r.End == LocalTime.Midnight ? "24:00" : TimePattern.Format(r.End))}"));

    private static IEnumerable<IsoDayOfWeek> ParseDays(string part, string days)
    {
        foreach (var item in days.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = item.Split('-');
            var first = DayOf(part, bounds[0]);
            var last = bounds.Length == 2 ? DayOf(part, bounds[1]) : bounds.Length == 1 ? first : throw Invalid(part, $"'{item}' is not a day or a range of days");
            if (last < first)
            {
                throw Invalid(part, $"'{item}' runs backwards");
            }

            for (var day = first; day <= last; day++)
            {
                yield return day;
            }
        }
    }

    private static IsoDayOfWeek DayOf(string part, string code)
    {
        var index = Array.IndexOf(DayCodes, code.ToUpperInvariant());
        return index >= 0 ? (IsoDayOfWeek)(index + 1) : throw Invalid(part, $"'{code}' is not a day (MO TU WE TH FR SA SU)");
    }

    private static LocalTimeRange ParseRange(string part, string range)
    {
        var bounds = range.Split('-');
        if (bounds.Length != 2)
        {
            throw Invalid(part, $"'{range}' is not a time range like 09:00-17:00");
        }

        var start = ParseTime(part, bounds[0]);
        var end = bounds[1] == "24:00" ? LocalTime.Midnight : ParseTime(part, bounds[1]);
        return new LocalTimeRange(start, end);
    }

    private static LocalTime ParseTime(string part, string text)
    {
        var result = TimePattern.Parse(text);
        return result.Success ? result.Value : throw Invalid(part, $"'{text}' is not a time like 09:00");
    }

    private static DomainException Invalid(string part, string why) =>
        new("INVALID_WORKING_HOURS", string.Create(CultureInfo.InvariantCulture, $"Working hours \"{part}\": {why}."));
}
