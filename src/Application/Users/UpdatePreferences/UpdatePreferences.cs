using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Common.Validation;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using FluentValidation;
using Mapster;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Users.UpdatePreferences;

/// <summary>Changes the caller's time zone, working week and meeting preferences. Null fields stay as they are.</summary>
public sealed record UpdatePreferencesCommand(
    string? TimeZone = null,
    string? WorkWeek = null,
    int? DefaultMeetingMinutes = null,
    int? BufferBeforeMinutes = null,
    int? BufferAfterMinutes = null,
    TimeOfDayPreference? PreferredTimeOfDay = null,
    LocalTime? EarliestLocal = null,
    LocalTime? LatestLocal = null,
    NextWeekdayReading? NextWeekday = null,
    SameWeekdayReading? SameWeekday = null,
    BareHourReading? BareHour = null) : ICommand<UserDto>, IRequireUser;

public sealed class UpdatePreferencesCommandValidator : AbstractValidator<UpdatePreferencesCommand>
{
    public UpdatePreferencesCommandValidator()
    {
        RuleFor(c => c.TimeZone).MustBeTimeZone();
        RuleFor(c => c.WorkWeek).MaximumLength(500);
        RuleFor(c => c.DefaultMeetingMinutes).InclusiveBetween(1, (int)UserPreferences.MaxMeetingLength.TotalMinutes);
        RuleFor(c => c.BufferBeforeMinutes).InclusiveBetween(0, (int)UserPreferences.MaxBuffer.TotalMinutes);
        RuleFor(c => c.BufferAfterMinutes).InclusiveBetween(0, (int)UserPreferences.MaxBuffer.TotalMinutes);
        RuleFor(c => c.PreferredTimeOfDay).IsInEnum();
        RuleFor(c => c.NextWeekday).IsInEnum();
        RuleFor(c => c.SameWeekday).IsInEnum();
        RuleFor(c => c.BareHour).IsInEnum();
    }
}

public sealed class UpdatePreferencesCommandHandler(IApplicationDbContext db, ICurrentUser currentUser) : ICommandHandler<UpdatePreferencesCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdatePreferencesCommand command, CancellationToken cancellationToken)
    {
        var id = currentUser.Id!.Value;
        var user = await db.Users.Where(u => u.Id == id).FirstOrDefaultAsync(cancellationToken) ?? throw new UnauthenticatedException();
        var current = user.Preferences;
        user.ChangePreferences(
            command.TimeZone is null ? user.TimeZone : TimeZoneId.From(command.TimeZone),
            current with
            {
                WorkWeek = command.WorkWeek ?? current.WorkWeek,
                DefaultMeetingLength = command.DefaultMeetingMinutes is { } length ? Duration.FromMinutes(length) : current.DefaultMeetingLength,
                BufferBefore = command.BufferBeforeMinutes is { } before ? Duration.FromMinutes(before) : current.BufferBefore,
                BufferAfter = command.BufferAfterMinutes is { } after ? Duration.FromMinutes(after) : current.BufferAfter,
                PreferredTimeOfDay = command.PreferredTimeOfDay ?? current.PreferredTimeOfDay,
                EarliestLocal = command.EarliestLocal ?? current.EarliestLocal,
                LatestLocal = command.LatestLocal ?? current.LatestLocal,
                Ambiguity = current.Ambiguity with
                {
                    NextWeekday = command.NextWeekday ?? current.Ambiguity.NextWeekday,
                    SameWeekday = command.SameWeekday ?? current.Ambiguity.SameWeekday,
                    BareHour = command.BareHour ?? current.Ambiguity.BareHour,
                },
            });
        return user.Adapt<UserDto>();
    }
}
