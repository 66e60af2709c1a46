using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Paging;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Common.Validation;
using CleanAssistant.Domain.Calendars;
using FluentValidation;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Events.ListEvents;

/// <summary>
/// The caller's events that overlap [<paramref name="From"/>, <paramref name="To"/>), in one calendar or all,
/// ordered by start time.
/// </summary>
public sealed record ListEventsQuery(Instant From, Instant To, CalendarId? CalendarId = null, int First = Cursor.DefaultPageSize, string? After = null)
    : IQuery<Page<EventDto>>, IRequireUser;

public sealed class ListEventsQueryValidator : AbstractValidator<ListEventsQuery>
{
    public static readonly Duration MaxWindow = Duration.FromDays(732);

    public ListEventsQueryValidator()
    {
        RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("'to' must be after 'from'.");
        RuleFor(q => q.To).Must((q, to) => to - q.From <= MaxWindow).WithMessage("The time range may span at most two years.");
        RuleFor(q => q.First).MustBePageSize();
    }
}

public sealed class ListEventsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListEventsQuery, Page<EventDto>>
{
    public async ValueTask<Page<EventDto>> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var offset = Cursor.OffsetAfter(query.After);
        if (query.CalendarId is { } calendarId)
        {
            // Not-found for a calendar that is not the caller's, rather than an empty list.
            await db.GetOwnedAsync(calendarId, owner, cancellationToken);
        }

        var events = db.Events.Where(e => e.OwnerId == owner);
        if (query.CalendarId is { } id)
        {
            events = events.Where(e => e.CalendarId == id);
        }

        // Recurring events become their occurrences, so the page is cut after expansion.
        var shown = await events.ExpandAsync(query.From, query.To, cancellationToken);
        return shown.Skip(offset).Take(query.First + 1).Select(x => x.Occurrence).ToList().ToPage(offset, query.First);
    }
}
