using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Events.ChangeOccurrence;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Domain.Events;
using FluentValidation;
using Mapster;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Events.ListOccurrences;

/// <summary>An event's occurrences in [from, to): all of a series', or the event itself when it does not repeat.</summary>
public sealed record ListOccurrencesQuery(EventId Id, Instant From, Instant To) : IQuery<IReadOnlyList<EventDto>>, IRequireUser;

public sealed class ListOccurrencesQueryValidator : AbstractValidator<ListOccurrencesQuery>
{
    public ListOccurrencesQueryValidator()
    {
        RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("'to' must be after 'from'.");
        RuleFor(q => q.To).Must((q, to) => to - q.From <= ListEventsQueryValidator.MaxWindow).WithMessage("The time range may span at most two years.");
    }
}

public sealed class ListOccurrencesQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListOccurrencesQuery, IReadOnlyList<EventDto>>
{
    public async ValueTask<IReadOnlyList<EventDto>> Handle(ListOccurrencesQuery query, CancellationToken cancellationToken)
    {
        var calendarEvent = await db.LoadSeriesAsync(query.Id, currentUser.Id!.Value, cancellationToken);
        var dto = calendarEvent.Adapt<EventDto>();
        return [.. calendarEvent.OccurrencesBetween(query.From, query.To)
            .Select(o => calendarEvent.IsRecurring ? dto with { Start = o.Start, End = o.End, RecurrenceId = o.RecurrenceId } : dto)];
    }
}
