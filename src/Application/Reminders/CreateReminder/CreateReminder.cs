using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Reminders;
using FluentValidation;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Reminders.CreateReminder;

/// <summary>A standalone reminder ("remind me to call Bob in two hours"): at <paramref name="DueAt"/>, or <paramref name="InMinutes"/> from now.</summary>
public sealed record CreateReminderCommand(string Text, Instant? DueAt = null, int? InMinutes = null) : ICommand<ReminderDto>, IRequireUser;

public sealed class CreateReminderCommandValidator : AbstractValidator<CreateReminderCommand>
{
    public CreateReminderCommandValidator()
    {
        RuleFor(c => c.Text).NotEmpty().MaximumLength(Reminder.MaxTextLength);
        RuleFor(c => c.InMinutes).InclusiveBetween(1, Reminder.MaxMinutesBefore * 13);
        RuleFor(c => c).Must(c => c.DueAt.HasValue != c.InMinutes.HasValue)
            .OverridePropertyName("DueAt").WithMessage("Give either a due time or a number of minutes from now, not both.");
    }
}

public sealed class CreateReminderCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IReminderScheduler scheduler, TimeProvider timeProvider)
    : ICommandHandler<CreateReminderCommand, ReminderDto>
{
    public ValueTask<ReminderDto> Handle(CreateReminderCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetCurrentInstant();
        var dueAt = command.DueAt ?? now + Duration.FromMinutes(command.InMinutes!.Value);
        var reminder = Reminder.Standalone(currentUser.Id!.Value, command.Text, dueAt, now);
        db.Add(reminder);
        scheduler.Schedule(reminder.Id, reminder.DueAt);
        return ValueTask.FromResult(reminder.ToDto(null));
    }
}
