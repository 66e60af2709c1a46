using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Events;
using FluentValidation;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Events.UpdateEvent;

/// <summary>
/// Changes an event. Null fields stay as they are; an empty description or location clears it.
/// With <paramref name="ExpectedVersion"/> the change is refused if someone changed the event since.
/// </summary>
public sealed record UpdateEventCommand(
    EventId Id,
    int? ExpectedVersion = null,
    string? Title = null,
    string? Description = null,
    string? Location = null,
    EventTimeInput? Time = null,
    CalendarId? CalendarId = null) : ICommand<EventDto>, IRequireUser, IEventChange;

public sealed class UpdateEventCommandValidator : AbstractValidator<UpdateEventCommand>
{
    public UpdateEventCommandValidator()
    {
        Include(new EventChangeValidator());
    }
}

public sealed class UpdateEventCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : ICommandHandler<UpdateEventCommand, EventDto>
{
    public async ValueTask<EventDto> Handle(UpdateEventCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var calendarEvent = await db.Events.Where(e => e.Id == command.Id && e.OwnerId == owner).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Event", command.Id);
        calendarEvent.EnsureVersion(command.ExpectedVersion);
        var now = timeProvider.GetCurrentInstant();

        command.ApplyTo(calendarEvent, now);

        if (command.CalendarId is { } calendarId && calendarId != calendarEvent.CalendarId)
        {
            calendarEvent.MoveTo(await db.GetOwnedAsync(calendarId, owner, cancellationToken), now);
        }

        return calendarEvent.Adapt<EventDto>();
    }
}
