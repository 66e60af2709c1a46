using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Application.Events.FindConflicts;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Recurrence;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using FluentValidation;
using Mapster;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Events.CreateEvent;

/// <summary>
/// Adds an event to one of the caller's calendars (the default one when none is named). With an
/// <paramref name="IdempotencyKey"/>, sending the same command again returns the event the first one made.
/// With <paramref name="RejectConflicts"/> it is a booking: refused when the time is taken, and two
/// concurrent bookings of overlapping time can never both succeed.
/// </summary>
public sealed record CreateEventCommand(
    string Title,
    EventTimeInput Time,
    CalendarId? CalendarId = null,
    string? Description = null,
    string? Location = null,
    string? IdempotencyKey = null,
    Availability ShowAs = Availability.Busy,
    bool IsFlexible = false,
    bool RejectConflicts = false,
    string? Recurrence = null) : ICommand<EventDto>, IRequireUser;

public sealed class CreateEventCommandValidator : AbstractValidator<CreateEventCommand>
{
    public CreateEventCommandValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(CalendarEvent.MaxTitleLength);
        RuleFor(c => c.Description).MaximumLength(CalendarEvent.MaxDescriptionLength);
        RuleFor(c => c.Location).MaximumLength(CalendarEvent.MaxLocationLength);
        RuleFor(c => c.IdempotencyKey).MaximumLength(CalendarEvent.MaxIdempotencyKeyLength);
        RuleFor(c => c.ShowAs).IsInEnum();
        RuleFor(c => c.Recurrence).MaximumLength(500);
        RuleFor(c => c.Time).SetValidator(new EventTimeInputValidator());
        RuleFor(c => c.Time).Must(t => t.Start is not null || t.StartDate is not null)
            .OverridePropertyName("Time.Start").WithMessage("Give a start time, or a start date for an all-day event.");
    }
}

public sealed class CreateEventCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IBookingLock bookingLock, TimeProvider timeProvider)
    : ICommandHandler<CreateEventCommand, EventDto>
{
    public async ValueTask<EventDto> Handle(CreateEventCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var key = command.IdempotencyKey?.Trim();
        if (!string.IsNullOrEmpty(key)
            && await db.Events.Where(e => e.OwnerId == owner && e.IdempotencyKey == key).FirstOrDefaultAsync(cancellationToken) is { } earlier)
        {
            return earlier.Adapt<EventDto>();
        }

        var calendarEvent = await db.PrepareEventAsync(command with { IdempotencyKey = key }, owner, timeProvider.GetCurrentInstant(), cancellationToken);
        if (command.RejectConflicts && command.ShowAs is not (Availability.Free or Availability.WorkingElsewhere))
        {
            await bookingLock.AcquireAsync([owner], cancellationToken);
            // A new series is checked over its first year: every occurrence must be free.
            var spans = calendarEvent.OccurrencesBetween(calendarEvent.Start, calendarEvent.Start + Duration.FromDays(366)).Select(o => new Interval(o.Start, o.End)).ToList();
            var conflicts = await db.FindConflictsAsync(owner, spans, ignoring: null, cancellationToken);
            if (conflicts.Count > 0)
            {
                throw new ConflictException(
                    "CONFLICTING_EVENTS",
                    $"The time is taken by {string.Join(", ", conflicts.Select(c => $"'{c.Title}'"))}.");
            }
        }

        db.Add(calendarEvent);
        return calendarEvent.Adapt<EventDto>();
    }
}

internal static class EventPreparation
{
    /// <summary>The event a create command describes, in the caller's calendar, with the caller's defaults; not yet added.</summary>
    public static async Task<CalendarEvent> PrepareEventAsync(
        this IApplicationDbContext db, CreateEventCommand command, UserId owner, Instant now, CancellationToken cancellationToken)
    {
        var calendar = command.CalendarId is { } calendarId
            ? await db.GetOwnedAsync(calendarId, owner, cancellationToken)
            : await db.Calendars.OwnedBy(owner).Where(c => c.IsDefault).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Calendar", "default");
        var user = await db.Users.Where(u => u.Id == owner).Select(u => new { u.TimeZone, u.Preferences }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UnauthenticatedException();

        return CalendarEvent.Schedule(
            calendar,
            EventDetails.Create(command.Title, command.Description, command.Location),
            command.Time.Resolve(current: null, user.TimeZone, user.Preferences.DefaultMeetingLength),
            now,
            command.IdempotencyKey,
            command.ShowAs,
            command.IsFlexible,
            string.IsNullOrWhiteSpace(command.Recurrence) ? null : RecurrenceRule.Parse(command.Recurrence));
    }
}
