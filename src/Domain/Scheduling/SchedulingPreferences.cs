using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

public enum TimeOfDayPreference
{
    None = 0,

    /// <summary>Meetings that end by noon, local time.</summary>
    Morning = 1,

    /// <summary>Meetings that start at or after noon, local time.</summary>
    Afternoon = 2,
}

/// <summary>How a person likes their meetings placed. Buffers and earliest/latest are hard; the time of day is a wish.</summary>
public sealed record SchedulingPreferences
{
    public static SchedulingPreferences None { get; } = new();

    /// <summary>Free time kept before each of their events (travel, preparation).</summary>
    public Duration BufferBefore { get; init; } = Duration.Zero;

    /// <summary>Free time kept after each of their events.</summary>
    public Duration BufferAfter { get; init; } = Duration.Zero;

    public TimeOfDayPreference PreferredTimeOfDay { get; init; }

    /// <summary>No meetings before this local time; also the start of their waking hours (default 08:00).</summary>
    public LocalTime? EarliestLocal { get; init; }

    /// <summary>No meetings after this local time; also the end of their waking hours (default 21:00).</summary>
    public LocalTime? LatestLocal { get; init; }

    internal bool HasBuffer => BufferBefore > Duration.Zero || BufferAfter > Duration.Zero;
}
