using System.Text.Json;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>Preferences are read and written as a whole, so they live in one JSON text column.</summary>
internal sealed class UserPreferencesConverter() : ValueConverter<UserPreferences, string>(p => Write(p), json => Read(json))
{
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private sealed record Stored(
        string WorkWeek,
        int DefaultMeetingMinutes,
        int BufferBeforeMinutes,
        int BufferAfterMinutes,
        string PreferredTimeOfDay,
        string? Earliest,
        string? Latest,
        StoredAmbiguity? Ambiguity = null);

    /// <summary>Absent in rows written before the setting existed: those read as the contract's defaults.</summary>
    private sealed record StoredAmbiguity(string? NextWeekday, string? SameWeekday, string? BareHour);

    private static string Write(UserPreferences p) => JsonSerializer.Serialize(new Stored(
        p.WorkWeek,
        (int)p.DefaultMeetingLength.TotalMinutes,
        (int)p.BufferBefore.TotalMinutes,
        (int)p.BufferAfter.TotalMinutes,
        p.PreferredTimeOfDay.ToString(),
        p.EarliestLocal is { } e ? Time.Format(e) : null,
        p.LatestLocal is { } l ? Time.Format(l) : null,
        new StoredAmbiguity(p.Ambiguity.NextWeekday.ToString(), p.Ambiguity.SameWeekday.ToString(), p.Ambiguity.BareHour.ToString())));

    private static UserPreferences Read(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || JsonSerializer.Deserialize<Stored>(json) is not { } s)
        {
            return UserPreferences.Default;
        }

        return new UserPreferences
        {
            WorkWeek = s.WorkWeek,
            DefaultMeetingLength = Duration.FromMinutes(s.DefaultMeetingMinutes),
            BufferBefore = Duration.FromMinutes(s.BufferBeforeMinutes),
            BufferAfter = Duration.FromMinutes(s.BufferAfterMinutes),
            PreferredTimeOfDay = Enum.Parse<TimeOfDayPreference>(s.PreferredTimeOfDay),
            EarliestLocal = s.Earliest is null ? null : Time.Parse(s.Earliest).Value,
            LatestLocal = s.Latest is null ? null : Time.Parse(s.Latest).Value,
            Ambiguity = ReadAmbiguity(s.Ambiguity),
        };
    }

    private static AmbiguityPreferences ReadAmbiguity(StoredAmbiguity? stored)
    {
        var defaults = AmbiguityPreferences.Default;
        return stored is null ? defaults : new AmbiguityPreferences
        {
            NextWeekday = Enum.TryParse<NextWeekdayReading>(stored.NextWeekday, out var next) ? next : defaults.NextWeekday,
            SameWeekday = Enum.TryParse<SameWeekdayReading>(stored.SameWeekday, out var same) ? same : defaults.SameWeekday,
            BareHour = Enum.TryParse<BareHourReading>(stored.BareHour, out var bare) ? bare : defaults.BareHour,
        };
    }
}
