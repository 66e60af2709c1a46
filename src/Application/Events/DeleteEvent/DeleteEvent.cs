using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Events.ChangeOccurrence;
using CleanAssistant.Domain.Events;
using Mediator;

namespace CleanAssistant.Application.Events.DeleteEvent;

/// <summary>Soft-deletes an event: it disappears from every query but stays in the database.</summary>
public sealed record DeleteEventCommand(EventId Id) : ICommand<EventId>, IRequireUser;

public sealed class DeleteEventCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : ICommandHandler<DeleteEventCommand, EventId>
{
    public async ValueTask<EventId> Handle(DeleteEventCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var calendarEvent = await db.Events.Where(e => e.Id == command.Id && e.OwnerId == owner).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Event", command.Id);
        var now = timeProvider.GetCurrentInstant();
        calendarEvent.Delete(now);
        if (calendarEvent.IsRecurring)
        {
            await db.DeleteOverridesAsync(calendarEvent.Id, from: null, now, cancellationToken);
        }

        return calendarEvent.Id;
    }
}
