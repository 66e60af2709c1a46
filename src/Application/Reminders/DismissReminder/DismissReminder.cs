using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Reminders;
using Mediator;

namespace CleanAssistant.Application.Reminders.DismissReminder;

/// <summary>Dismisses a reminder: it is never delivered (again). Dismissing twice is harmless.</summary>
public sealed record DismissReminderCommand(ReminderId Id) : ICommand<ReminderDto>, IRequireUser;

public sealed class DismissReminderCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : ICommandHandler<DismissReminderCommand, ReminderDto>
{
    public async ValueTask<ReminderDto> Handle(DismissReminderCommand command, CancellationToken cancellationToken)
    {
        var reminder = await db.GetOwnedAsync(command.Id, currentUser.Id!.Value, cancellationToken);
        reminder.Dismiss(timeProvider.GetCurrentInstant());
        return await db.ToDtoAsync(reminder, cancellationToken);
    }
}
