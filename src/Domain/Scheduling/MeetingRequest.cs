using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>Which hours of each attendee a meeting may use (Graph's activityDomain).</summary>
public enum SchedulingScope
{
    /// <summary>Each attendee's working hours.</summary>
    WorkingHours = 0,

    /// <summary>Each attendee's waking hours, every day: their earliest/latest preference, else 08:00–21:00 local.</summary>
    Personal = 1,

    /// <summary>Any time of any day.</summary>
    Unrestricted = 2,
}

/// <summary>
/// A meeting to place. The first attendee is the organizer; unless marked optional they must attend.
/// <see cref="Now"/> is passed in so the rules never read a clock.
/// </summary>
public sealed record MeetingRequest(IReadOnlyList<Attendee> Attendees, Duration Duration, Interval Window, Instant Now)
{
    public Duration MinimumNotice { get; init; } = Duration.Zero;

    public SchedulingScope Scope { get; init; } = SchedulingScope.WorkingHours;

    /// <summary>Days of the week not to meet on, judged in each attendee's zone.</summary>
    public IReadOnlySet<IsoDayOfWeek> ExcludedDays { get; init; } = new HashSet<IsoDayOfWeek>();

    /// <summary>Not before this local time, judged in each attendee's zone.</summary>
    public LocalTime? EarliestLocal { get; init; }

    /// <summary>Not after this local time, judged in each attendee's zone; midnight means the end of the day.</summary>
    public LocalTime? LatestLocal { get; init; }

    /// <summary>Share of required attendees (free, tentative or unknown) a time needs, 0–100.</summary>
    public double MinimumAttendeePercentage { get; init; } = 100;

    public int MaxCandidates { get; init; } = 5;

    /// <summary>Grid of candidate start times, aligned to the organizer's local hour.</summary>
    public Duration SlotStep { get; init; } = Duration.FromMinutes(15);

    /// <summary>The first instant a meeting may start: the window's start, but not before now plus the minimum notice.</summary>
    public Instant EarliestStart
    {
        get
        {
            var notice = Now + MinimumNotice;
            return Window.HasStart && Window.Start > notice ? Window.Start : notice;
        }
    }

    internal void Validate()
    {
        if (Attendees.Count == 0)
        {
            Fail("A meeting needs at least one attendee.");
        }

        if (Duration <= Duration.Zero)
        {
            Fail("The meeting must last longer than zero.");
        }

        if (!Window.HasStart || !Window.HasEnd)
        {
            Fail("The search window must have a start and an end.");
        }

        if (SlotStep <= Duration.Zero)
        {
            Fail("The slot step must be longer than zero.");
        }

        if (MinimumNotice < Duration.Zero)
        {
            Fail("The minimum notice must not be negative.");
        }

        if (MinimumAttendeePercentage is < 0 or > 100 || double.IsNaN(MinimumAttendeePercentage))
        {
            Fail("The minimum attendee percentage must be between 0 and 100.");
        }

        if (MaxCandidates < 1)
        {
            Fail("At least one candidate must be asked for.");
        }

        if (EarliestLocal is { } earliest && LatestLocal is { } latest && latest != LocalTime.Midnight && latest <= earliest)
        {
            Fail("The latest time must be after the earliest time.");
        }

        foreach (var attendee in Attendees)
        {
            if (attendee.Preferences.BufferBefore < Duration.Zero || attendee.Preferences.BufferAfter < Duration.Zero)
            {
                Fail($"{attendee.Name}'s buffers must not be negative.");
            }
        }
    }

    private static void Fail(string message) => throw new DomainException("INVALID_MEETING_REQUEST", message);
}
