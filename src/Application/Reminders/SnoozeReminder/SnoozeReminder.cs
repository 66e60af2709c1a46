using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Reminders;
using FluentValidation;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Reminders.SnoozeReminder;

/// <summary>Puts a reminder off: until <paramref name="Until"/>, or for <paramref name="Minutes"/> from now.</summary>
public sealed record SnoozeReminderCommand(ReminderId Id, Instant? Until = null, int? Minutes = null) : ICommand<ReminderDto>, IRequireUser;

public sealed class SnoozeReminderCommandValidator : AbstractValidator<SnoozeReminderCommand>
{
    public SnoozeReminderCommandValidator()
    {
        RuleFor(c => c.Minutes).InclusiveBetween(1, Reminder.MaxMinutesBefore);
        RuleFor(c => c).Must(c => c.Until.HasValue != c.Minutes.HasValue)
            .OverridePropertyName("Until").WithMessage("Give either a time to snooze until or a number of minutes, not both.");
    }
}

public sealed class SnoozeReminderCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IReminderScheduler scheduler, TimeProvider timeProvider)
    : ICommandHandler<SnoozeReminderCommand, ReminderDto>
{
    public async ValueTask<ReminderDto> Handle(SnoozeReminderCommand command, CancellationToken cancellationToken)
    {
        var reminder = await db.GetOwnedAsync(command.Id, currentUser.Id!.Value, cancellationToken);
        var now = timeProvider.GetCurrentInstant();
        reminder.Snooze(command.Until ?? now + Duration.FromMinutes(command.Minutes!.Value), now);
        scheduler.Schedule(reminder.Id, reminder.DueAt);
        return await db.ToDtoAsync(reminder, cancellationToken);
    }
}
