using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using FluentValidation;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Calendars.RenameCalendar;

public sealed record RenameCalendarCommand(CalendarId Id, string Name, int? ExpectedVersion = null) : ICommand<CalendarDto>, IRequireUser;

public sealed class RenameCalendarCommandValidator : AbstractValidator<RenameCalendarCommand>
{
    public RenameCalendarCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(Calendar.MaxNameLength);
}

public sealed class RenameCalendarCommandHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : ICommandHandler<RenameCalendarCommand, CalendarDto>
{
    public async ValueTask<CalendarDto> Handle(RenameCalendarCommand command, CancellationToken cancellationToken)
    {
        var calendar = await db.GetOwnedAsync(command.Id, currentUser.Id!.Value, cancellationToken);
        calendar.EnsureVersion(command.ExpectedVersion);
        calendar.Rename(command.Name);
        return calendar.Adapt<CalendarDto>();
    }
}
