using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using FluentValidation;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Calendars.CreateCalendar;

public sealed record CreateCalendarCommand(string Name) : ICommand<CalendarDto>, IRequireUser;

public sealed class CreateCalendarCommandValidator : AbstractValidator<CreateCalendarCommand>
{
    public CreateCalendarCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(Calendar.MaxNameLength);
}

public sealed class CreateCalendarCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : ICommandHandler<CreateCalendarCommand, CalendarDto>
{
    public ValueTask<CalendarDto> Handle(CreateCalendarCommand command, CancellationToken cancellationToken)
    {
        var calendar = Calendar.Create(currentUser.Id!.Value, command.Name, isDefault: false, timeProvider.GetCurrentInstant());
        db.Add(calendar);
        return ValueTask.FromResult(calendar.Adapt<CalendarDto>());
    }
}
