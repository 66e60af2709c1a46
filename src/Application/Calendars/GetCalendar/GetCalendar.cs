using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Calendars.GetCalendar;

public sealed record GetCalendarQuery(CalendarId Id) : IQuery<CalendarDto>, IRequireUser;

public sealed class GetCalendarQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetCalendarQuery, CalendarDto>
{
    public async ValueTask<CalendarDto> Handle(GetCalendarQuery query, CancellationToken cancellationToken) =>
        await db.Calendars.OwnedBy(currentUser.Id!.Value).Where(c => c.Id == query.Id)
            .ProjectToType<CalendarDto>()
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Calendar", query.Id);
}
