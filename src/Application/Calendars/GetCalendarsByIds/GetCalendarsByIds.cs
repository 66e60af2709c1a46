using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Calendars.GetCalendarsByIds;

/// <summary>Several of the caller's calendars in one round trip (for batch loaders); ids that are not the caller's are left out.</summary>
public sealed record GetCalendarsByIdsQuery(IReadOnlyCollection<CalendarId> Ids) : IQuery<IReadOnlyDictionary<CalendarId, CalendarDto>>, IRequireUser;

public sealed class GetCalendarsByIdsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetCalendarsByIdsQuery, IReadOnlyDictionary<CalendarId, CalendarDto>>
{
    public async ValueTask<IReadOnlyDictionary<CalendarId, CalendarDto>> Handle(GetCalendarsByIdsQuery query, CancellationToken cancellationToken)
    {
        var ids = query.Ids.Distinct().ToList();
        var calendars = await db.Calendars.OwnedBy(currentUser.Id!.Value).Where(c => ids.Contains(c.Id))
            .ProjectToType<CalendarDto>()
            .ToListAsync(cancellationToken);
        return calendars.ToDictionary(c => c.Id);
    }
}
