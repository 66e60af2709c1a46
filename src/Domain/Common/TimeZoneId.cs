using NodaTime;

namespace CleanAssistant.Domain.Common;

/// <summary>An IANA time zone id known to the tz database, e.g. "Europe/Berlin".</summary>
public sealed record TimeZoneId
{
    private TimeZoneId(string value) => Value = value;

    public string Value { get; }

    public static TimeZoneId Utc { get; } = new("UTC");

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[Value];

    public static bool IsKnown(string? value) =>
        !string.IsNullOrWhiteSpace(value) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(value) is not null;

    public static TimeZoneId From(string? value) =>
        IsKnown(value)
            ? new TimeZoneId(DateTimeZoneProviders.Tzdb[value!].Id)
            : throw new DomainException("INVALID_TIME_ZONE", $"'{value}' is not a known IANA time zone id.");

    public override string ToString() => Value;
}
