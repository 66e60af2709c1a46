using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using Mediator;

namespace CleanAssistant.Application.Calendars.DeleteCalendar;

/// <summary>Soft-deletes a calendar and every event in it, in one unit of work.</summary>
public sealed record DeleteCalendarCommand(CalendarId Id) : ICommand<CalendarId>, IRequireUser;

public sealed class DeleteCalendarCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : ICommandHandler<DeleteCalendarCommand, CalendarId>
{
    public async ValueTask<CalendarId> Handle(DeleteCalendarCommand command, CancellationToken cancellationToken)
    {
        var calendar = await db.GetOwnedAsync(command.Id, currentUser.Id!.Value, cancellationToken);
        var now = timeProvider.GetCurrentInstant();
        calendar.Delete(now);
        foreach (var calendarEvent in await db.Events.Where(e => e.CalendarId == calendar.Id).ToListAsync(cancellationToken))
        {
            calendarEvent.Delete(now);
        }

        return calendar.Id;
    }
}
