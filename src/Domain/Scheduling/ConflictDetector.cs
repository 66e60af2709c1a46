using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>A block that a proposed time runs into. A tentative one is a soft conflict the caller may accept.</summary>
public sealed record Conflict(BusyBlock Block)
{
    public bool IsTentative => Block.Status == Availability.Tentative;
}

/// <summary>Finds what a proposed time collides with. Intervals are half-open, so back-to-back events do not conflict.</summary>
public static class ConflictDetector
{
    /// <summary>Blocks overlapping <paramref name="proposed"/> that keep their owner busy (busy, out of office, tentative), by start.</summary>
    public static IReadOnlyList<Conflict> Find(Interval proposed, IEnumerable<BusyBlock> blocks) => Find(proposed, blocks, ignoredEventId: null);

    /// <summary>As <see cref="Find(Interval, IEnumerable{BusyBlock})"/>, for moving an existing event: its own block is no conflict.</summary>
    public static IReadOnlyList<Conflict> FindForChange(Guid changedEventId, Interval proposed, IEnumerable<BusyBlock> blocks) =>
        Find(proposed, blocks, changedEventId);

    private static List<Conflict> Find(Interval proposed, IEnumerable<BusyBlock> blocks, Guid? ignoredEventId)
    {
        if (!proposed.HasStart || !proposed.HasEnd)
        {
            throw new DomainException("INVALID_TIME_RANGE", "A proposed time must have a start and an end.");
        }

        return blocks
            .Where(b => b.Blocks
                && b.Start < proposed.End && proposed.Start < b.End
                && (ignoredEventId is null || b.EventId != ignoredEventId))
            .OrderBy(b => b.Start)
            .Select(b => new Conflict(b))
            .ToList();
    }
}
