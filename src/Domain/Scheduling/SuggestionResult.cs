using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>Why no time was suggested.</summary>
public enum EmptySuggestionsReason
{
    Unknown = 0,

    /// <summary>Everyone has hours in common, but never enough required attendees are free at once.</summary>
    AttendeesUnavailable = 1,

    /// <summary>The organizer (the first attendee, when required) is never free when the others could meet.</summary>
    OrganizerUnavailable = 2,

    /// <summary>The required attendees' allowed hours (working, waking, days, earliest/latest) never overlap long enough.</summary>
    OutsideWorkingHours = 3,

    /// <summary>After the minimum notice the window is shorter than the meeting.</summary>
    WindowTooShort = 4,

    /// <summary>The window has already passed.</summary>
    InThePast = 5,
}

/// <summary>One itemized part of a suggestion's score; positive weights are bonuses, negative ones penalties.</summary>
public sealed record SuggestionReason(string Code, string Description, double Weight);

public sealed record AttendeeAvailability(string AttendeeId, string Name, SlotAvailability Availability, bool IsOptional);

/// <summary>
/// A suggested time. <see cref="Confidence"/> (0–100) is the weighted chance that attendees come: free counts fully,
/// tentative or unknown half, optional attendees weigh half as much as required ones.
/// </summary>
public sealed record MeetingSuggestion(
    Interval Slot,
    double Confidence,
    SlotAvailability OrganizerAvailability,
    IReadOnlyList<AttendeeAvailability> Attendees,
    double Score,
    IReadOnlyList<SuggestionReason> Reasons,
    string ReasonText);

/// <summary>What would help when nothing fits: one constraint relaxed, and how many non-overlapping slots that gives.</summary>
public sealed record Relaxation(string Code, string Description, int SlotsFound, Instant? FirstSlot);

/// <summary>Ranked suggestions, or why there are none and what would help; plus the strict free slots of the request.</summary>
public sealed record SuggestionResult(
    IReadOnlyList<MeetingSuggestion> Suggestions,
    EmptySuggestionsReason? EmptySuggestionsReason,
    string? Diagnosis,
    IReadOnlyList<Relaxation> Relaxations,
    IReadOnlyList<Interval> FreeSlots);

/// <summary>Codes of <see cref="SuggestionReason"/>.</summary>
public static class ReasonCodes
{
    public const string Availability = "Availability";
    public const string InWorkingHoursForAll = "InWorkingHoursForAll";
    public const string OutsideWorkingHours = "OutsideWorkingHours";
    public const string NoBackToBack = "NoBackToBack";
    public const string BackToBack = "BackToBack";
    public const string PreferredTimeOfDay = "PreferredTimeOfDay";
    public const string EdgeOfDay = "EdgeOfDay";
    public const string FocusTimeFragmentation = "FocusTimeFragmentation";
    public const string Earlier = "Earlier";
}

/// <summary>Codes of <see cref="Relaxation"/>.</summary>
public static class RelaxationCodes
{
    public const string DropBuffer = "DropBuffer";
    public const string UsePersonalHours = "UsePersonalHours";
    public const string UseAnyHours = "UseAnyHours";
    public const string MakeOptional = "MakeOptional";
    public const string LowerAttendeePercentage = "LowerAttendeePercentage";
    public const string ExtendWindow = "ExtendWindow";
    public const string DropMinimumNotice = "DropMinimumNotice";
    public const string AllowExcludedDays = "AllowExcludedDays";
    public const string DropTimeLimits = "DropTimeLimits";
    public const string IgnoreFlexibleEvents = "IgnoreFlexibleEvents";
}
