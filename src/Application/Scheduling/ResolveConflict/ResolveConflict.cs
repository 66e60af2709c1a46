using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Scheduling;
using FluentValidation;
using Mapster;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Scheduling.ResolveConflict;

/// <summary>
/// Applies a resolution in one unit of work: moves the given flexible events (each keeps its length),
/// then books the new event. If anything would still overlap, nothing changes.
/// </summary>
public sealed record ResolveConflictCommand(CreateEventCommand NewEvent, IReadOnlyList<(EventId EventId, Instant NewStart)> Moves)
    : ICommand<EventDto>, IRequireUser;

public sealed class ResolveConflictCommandValidator : AbstractValidator<ResolveConflictCommand>
{
    public ResolveConflictCommandValidator()
    {
        RuleFor(c => c.NewEvent).SetValidator(new CreateEventCommandValidator());
        RuleFor(c => c.Moves.Count).LessThanOrEqualTo(20).OverridePropertyName("moves");
    }
}

public sealed class ResolveConflictCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IBookingLock bookingLock, TimeProvider timeProvider)
    : ICommandHandler<ResolveConflictCommand, EventDto>
{
    public async ValueTask<EventDto> Handle(ResolveConflictCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        await bookingLock.AcquireAsync([owner], cancellationToken);
        var now = timeProvider.GetCurrentInstant();
        var moved = new List<CalendarEvent>();
        foreach (var (eventId, newStart) in command.Moves)
        {
            var calendarEvent = await db.Events.Where(e => e.Id == eventId && e.OwnerId == owner).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Event", eventId);
            if (!calendarEvent.IsFlexible || calendarEvent.IsRecurring)
            {
                throw new ConflictException("NOT_FLEXIBLE", $"'{calendarEvent.Title}' is not a flexible single event; its owner has not allowed moving it.");
            }

            calendarEvent.Reschedule(EventTime.Timed(newStart, newStart + (calendarEvent.End - calendarEvent.Start), calendarEvent.TimeZone), now);
            moved.Add(calendarEvent);
        }

        // The lock is held, so the check below and the booking cannot be overtaken by another booking.
        var created = await db.PrepareEventAsync(command.NewEvent, owner, now, cancellationToken);
        db.Add(created);
        var changed = moved.Append(created).ToList();
        var from = changed.Min(e => e.Start);
        var to = changed.Max(e => e.End);
        var others = (await db.Events.Where(e => e.OwnerId == owner).ExpandAsync(from, to, cancellationToken))
            .Where(x => !changed.Contains(x.Event) && x.Event.ShowAs is not (Availability.Free or Availability.WorkingElsewhere))
            .Select(x => (Event: x.Event, x.Occurrence.Start, x.Occurrence.End))
            .Concat(changed.Select(e => (Event: e, e.Start, e.End)))
            .ToList();
        foreach (var subject in changed)
        {
            var clashes = others.Where(o => !ReferenceEquals(o.Event, subject) && o.Start < subject.End && subject.Start < o.End).ToList();
            if (clashes.Count > 0)
            {
                throw new ConflictException("CONFLICTING_EVENTS", $"'{subject.Title}' would still overlap {string.Join(", ", clashes.Select(c => $"'{c.Event.Title}'").Distinct())}.");
            }
        }

        return created.Adapt<EventDto>();
    }
}
