namespace CleanAssistant.Domain.Scheduling;

/// <summary>
/// Someone to meet with: a stable id (user id or e-mail address), the name reasons and diagnoses use, their hours and
/// calendar. The first attendee of a request is the organizer.
/// </summary>
public sealed record Attendee(string Id, string Name, WorkingHours WorkingHours, IReadOnlyList<BusyBlock> Busy)
{
    public SchedulingPreferences Preferences { get; init; } = SchedulingPreferences.None;

    /// <summary>Optional attendees never rule a time out; their absence lowers the confidence.</summary>
    public bool IsOptional { get; init; }

    /// <summary>False when their calendar could not be read (external people): only their hours apply.</summary>
    public bool IsAvailabilityKnown { get; init; } = true;
}
