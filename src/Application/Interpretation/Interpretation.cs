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
public sealed record EventReference(string? Title, OffsetDateTime? Start, LocalDate? Date)
{
    /// <summary>The user pointed back ("it", "that", "the meeting") rather than naming the event: a conversation resolves it to the event of the previous turn.</summary>
    public bool PointsBack { get; init; }
}

/// <summary>Another reading of the utterance that a person could have meant, e.g. "next Friday" as the Friday of next week.</summary>
/// <param name="Phrase">The words that can be read two ways, as said.</param>
/// <param name="Meaning">The other reading, in words ("Friday of next week").</param>
/// <param name="Interpretation">The whole command under that reading.</param>
public sealed record InterpretationAlternative(string Phrase, string Meaning, Interpretation Interpretation);

/// <summary>One utterance as a structured calendar command; a slot the utterance does not state is null.</summary>
public sealed record Interpretation(Intent Intent)
{
    /// <summary>How sure the interpreter is, from 0 to 1. Below <see cref="SureEnough"/> the reply reads back what was understood.</summary>
    public double Confidence { get; init; } = 1.0;

    /// <summary>Other readings of ambiguous words, most likely first; empty when there is nothing to doubt.</summary>
    public IReadOnlyList<InterpretationAlternative> Alternatives { get; init; } = [];

    /// <summary>Which interpreter answered (<c>offline</c>, <c>openai</c>, …).</summary>
    public string? Interpreter { get; init; }

    /// <summary>The confidence from which an interpretation is acted on without reading it back.</summary>
    public const double SureEnough = 0.8;

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

    /// <summary>The day a rescheduled event moves to when one is said; with no clock time said, <see cref="NewStart"/> stays null and the event keeps its own time.</summary>
    public LocalDate? NewDate { get; init; }

    /// <summary>Minutes to move the target by, later (positive) or earlier (negative): "push it an hour", "bring it forward a day".</summary>
    public int? ShiftMinutes { get; init; }

    public IReadOnlyList<string>? AddAttendees { get; init; }

    public IReadOnlyList<string>? RemoveAttendees { get; init; }

    public OffsetDateTime? RangeStart { get; init; }

    public OffsetDateTime? RangeEnd { get; init; }

    public OffsetDateTime? RemindAt { get; init; }
}
