using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using FluentValidation;
using Mediator;

namespace CleanAssistant.Application.Reminders.SetEventReminders;

/// <summary>
/// Replaces an event's reminders with one per value of <paramref name="MinutesBefore"/> (empty: none). For a recurring
/// event each value reminds of every occurrence: the next one is scheduled now, the following when it fires.
/// </summary>
public sealed record SetEventRemindersCommand(EventId EventId, IReadOnlyList<int> MinutesBefore) : ICommand<IReadOnlyList<ReminderDto>>, IRequireUser;

public sealed class SetEventRemindersCommandValidator : AbstractValidator<SetEventRemindersCommand>
{
    public const int MaxReminders = 10;

    public SetEventRemindersCommandValidator()
    {
        RuleFor(c => c.MinutesBefore).NotNull().Must(m => m.Count <= MaxReminders).WithMessage($"An event may have at most {MaxReminders} reminders.");
        RuleForEach(c => c.MinutesBefore).InclusiveBetween(0, Reminder.MaxMinutesBefore);
    }
}

public sealed class SetEventRemindersCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IReminderScheduler scheduler, TimeProvider timeProvider)
    : ICommandHandler<SetEventRemindersCommand, IReadOnlyList<ReminderDto>>
{
    public async ValueTask<IReadOnlyList<ReminderDto>> Handle(SetEventRemindersCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var calendarEvent = await db.Events.Where(e => e.Id == command.EventId && e.OwnerId == owner).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Event", command.EventId);
        var now = timeProvider.GetCurrentInstant();

        var pending = await db.Reminders
            .Where(r => r.EventId == calendarEvent.Id && (r.State == ReminderState.Scheduled || r.State == ReminderState.Snoozed))
            .ToListAsync(cancellationToken);
        foreach (var old in pending)
        {
            old.Dismiss(now);
        }

        var created = new List<ReminderDto>();
        foreach (var minutes in command.MinutesBefore.Distinct().Order())
        {
            if (EventReminders.Next(calendarEvent, minutes, now, now) is { } reminder)
            {
                db.Add(reminder);
                scheduler.Schedule(reminder.Id, reminder.DueAt);
                created.Add(reminder.ToDto(calendarEvent.Title));
            }
        }

        return created;
    }
}
