using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Calendars.ListCalendars;

/// <summary>The caller's calendars, the default one first, then by name.</summary>
public sealed record ListCalendarsQuery : IQuery<IReadOnlyList<CalendarDto>>, IRequireUser;

public sealed class ListCalendarsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListCalendarsQuery, IReadOnlyList<CalendarDto>>
{
    public async ValueTask<IReadOnlyList<CalendarDto>> Handle(ListCalendarsQuery query, CancellationToken cancellationToken) =>
        await db.Calendars.OwnedBy(currentUser.Id!.Value)
            .OrderByDescending(c => c.IsDefault).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .ProjectToType<CalendarDto>()
            .ToListAsync(cancellationToken);
}
