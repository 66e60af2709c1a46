using NodaTime;

namespace CleanAssistant.Domain.Events;

/// <summary>An event's state at one moment, enough to put it back as it was (undo).</summary>
public sealed record EventSnapshot(
    EventId EventId,
    string Title,
    string? Description,
    string? Location,
    Instant Start,
    Instant End,
    string TimeZone,
    bool IsAllDay,
    bool IsDeleted,
    string? Recurrence,
    IReadOnlyList<LocalDateTime> ExceptionDates,
    int Version);
