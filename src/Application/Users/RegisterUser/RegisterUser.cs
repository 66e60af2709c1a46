using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Users.RegisterUser;

/// <summary>Creates an account with a default calendar. <paramref name="AsAdmin"/> is for operators (CLI) only.</summary>
public sealed record RegisterUserCommand(string Email, string Password, string DisplayName, string? TimeZone, bool AsAdmin = false)
    : ICommand<UserDto>
{
    public override string ToString() => $"{nameof(RegisterUserCommand)} {{ Email = {Email}, Password = ***, DisplayName = {DisplayName} }}";
}

public sealed class RegisterUserCommandHandler(IApplicationDbContext db, IPasswordHasher passwordHasher, TimeProvider timeProvider)
    : ICommandHandler<RegisterUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(RegisterUserCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(command.Email);
        if (await db.Users.Where(u => u.Email == email).AnyAsync(cancellationToken))
        {
            throw new ConflictException("EMAIL_TAKEN", "An account with this e-mail address already exists.");
        }

        var now = timeProvider.GetCurrentInstant();
        var timeZone = command.TimeZone is null ? TimeZoneId.Utc : TimeZoneId.From(command.TimeZone);
        var user = User.Register(
            email,
            command.DisplayName,
            passwordHasher.Hash(command.Password),
            timeZone,
            command.AsAdmin ? UserRole.Admin : UserRole.User,
            now);
        db.Add(user);
        db.Add(Calendar.Create(user.Id, Calendar.DefaultName, isDefault: true, now));
        return user.Adapt<UserDto>();
    }
}
