using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using FluentValidation;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Events.FindConflicts;

/// <summary>
/// The caller's events, across all calendars, that a proposed time would overlap. Free (transparent)
/// and working-elsewhere events never conflict; <paramref name="Ignoring"/> leaves out the event being changed.
/// </summary>
public sealed record FindConflictsQuery(Instant Start, Instant End, EventId? Ignoring = null) : IQuery<IReadOnlyList<EventDto>>, IRequireUser;

public sealed class FindConflictsQueryValidator : AbstractValidator<FindConflictsQuery>
{
    public FindConflictsQueryValidator() => RuleFor(q => q.End).GreaterThan(q => q.Start).WithMessage("'end' must be after 'start'.");
}

public sealed class FindConflictsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<FindConflictsQuery, IReadOnlyList<EventDto>>
{
    public async ValueTask<IReadOnlyList<EventDto>> Handle(FindConflictsQuery query, CancellationToken cancellationToken) =>
        await db.FindConflictsAsync(currentUser.Id!.Value, query.Start, query.End, query.Ignoring, cancellationToken);
}

internal static class ConflictQueries
{
    /// <summary>
    /// Events of <paramref name="owner"/> that overlap [start, end) and take the time: as in the domain's
    /// ConflictDetector, free and working-elsewhere events never conflict.
    /// </summary>
    public static Task<IReadOnlyList<EventDto>> FindConflictsAsync(
        this IApplicationDbContext db, UserId owner, Instant start, Instant end, EventId? ignoring, CancellationToken cancellationToken) =>
        db.FindConflictsAsync(owner, [new Interval(start, end)], ignoring, cancellationToken);

    /// <summary>The same for several spans at once (the occurrences of a new series), read in one query.</summary>
    public static async Task<IReadOnlyList<EventDto>> FindConflictsAsync(
        this IApplicationDbContext db, UserId owner, IReadOnlyList<Interval> spans, EventId? ignoring, CancellationToken cancellationToken)
    {
        if (spans.Count == 0)
        {
            return [];
        }

        var overlapping = db.Events.Where(e => e.OwnerId == owner && e.ShowAs != Availability.Free && e.ShowAs != Availability.WorkingElsewhere);
        if (ignoring is { } id)
        {
            overlapping = overlapping.Where(e => e.Id != id);
        }

        var shown = await overlapping.ExpandAsync(spans.Min(s => s.Start), spans.Max(s => s.End), cancellationToken);
        return [.. shown.Select(x => x.Occurrence).Where(o => spans.Any(s => o.Start < s.End && s.Start < o.End))];
    }
}
