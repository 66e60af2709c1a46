using NodaTime;

namespace CleanAssistant.Application.Interpretation;

/// <summary>What the user wants done, per the interpret contract (shared/contracts/interpret.md).</summary>
public enum Intent
{
    Unknown,
    CreateEvent,
    RescheduleEvent,
    CancelEvent,
    UpdateEvent,
    QueryAgenda,
    FindFreeTime,
    CreateReminder,
    SummarizeMeeting,
}

/// <summary>An existing event as the user referred to it: by title, start or date (whichever was said).</summary>
public sealed record EventReference(string? Title, OffsetDateTime? Start, LocalDate? Date);

/// <summary>One utterance as a structured calendar command; a slot the utterance does not state is null.</summary>
public sealed record Interpretation(Intent Intent)
{
    public string? Title { get; init; }

    public OffsetDateTime? Start { get; init; }

    public OffsetDateTime? End { get; init; }

    public int? DurationMinutes { get; init; }

    public bool? AllDay { get; init; }

    public IReadOnlyList<string>? Attendees { get; init; }

    public string? Location { get; init; }

    public string? Recurrence { get; init; }

    public IReadOnlyList<LocalDate>? ExceptDates { get; init; }

    public int? ReminderMinutesBefore { get; init; }

    public EventReference? Target { get; init; }

    public OffsetDateTime? NewStart { get; init; }

    public OffsetDateTime? NewEnd { get; init; }

    public IReadOnlyList<string>? AddAttendees { get; init; }

    public IReadOnlyList<string>? RemoveAttendees { get; init; }

    public OffsetDateTime? RangeStart { get; init; }

    public OffsetDateTime? RangeEnd { get; init; }

    public OffsetDateTime? RemindAt { get; init; }
}
