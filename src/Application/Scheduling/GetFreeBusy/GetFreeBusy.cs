using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Events.FindConflicts;
using CleanAssistant.Application.Events.ListEvents;
using FluentValidation;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Scheduling.GetFreeBusy;

/// <summary>
/// When the caller is busy in [<paramref name="Start"/>, <paramref name="End"/>), across all calendars: the time taken
/// by their events (as conflict checks see it), merged and clipped to the window. Nothing about the events themselves.
/// </summary>
public sealed record GetFreeBusyQuery(Instant Start, Instant End) : IQuery<IReadOnlyList<Interval>>, IRequireUser;

public sealed class GetFreeBusyQueryValidator : AbstractValidator<GetFreeBusyQuery>
{
    public GetFreeBusyQueryValidator()
    {
        RuleFor(q => q.End).GreaterThan(q => q.Start).WithMessage("'end' must be after 'start'.");
        RuleFor(q => q.End).Must((q, end) => end - q.Start <= ListEventsQueryValidator.MaxWindow).WithMessage("The time range may span at most two years.");
    }
}

public sealed class GetFreeBusyQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<GetFreeBusyQuery, IReadOnlyList<Interval>>
{
    public async ValueTask<IReadOnlyList<Interval>> Handle(GetFreeBusyQuery query, CancellationToken cancellationToken)
    {
        var taken = await db.FindConflictsAsync(currentUser.Id!.Value, query.Start, query.End, ignoring: null, cancellationToken);
        var busy = new List<Interval>();
        foreach (var occurrence in taken.OrderBy(o => o.Start))
        {
            var start = Instant.Max(occurrence.Start, query.Start);
            var end = Instant.Min(occurrence.End, query.End);
            if (busy.Count > 0 && start <= busy[^1].End)
            {
                busy[^1] = new Interval(busy[^1].Start, Instant.Max(busy[^1].End, end));
            }
            else if (end > start)
            {
                busy.Add(new Interval(start, end));
            }
        }

        return busy;
    }
}
