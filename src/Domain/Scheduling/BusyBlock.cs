using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>
/// One stretch of someone's calendar, [Start, End). All-day events come in as the instants of their local days,
/// so an all-day Busy or Out-of-office blocks the day and an all-day Free does not. <c>EventId</c> lets a change
/// ignore the event being changed; <c>IsFlexible</c> marks blocks the owner would move for a meeting (focus time, gym).
/// </summary>
public sealed record BusyBlock(Instant Start, Instant End, Availability Status, bool IsAllDay = false, Guid? EventId = null, bool IsFlexible = false)
{
    public Instant End { get; init; } = End >= Start
        ? End
        : throw new DomainException("INVALID_TIME_RANGE", "A busy block must not end before it starts.");

    /// <summary>Whether the block keeps its owner from other meetings; Free and WorkingElsewhere do not.</summary>
    public bool Blocks => Status is Availability.Busy or Availability.OutOfOffice or Availability.Tentative;

    public Interval Interval => new(Start, End);
}
