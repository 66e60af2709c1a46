using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Users;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Users.SignIn;

/// <summary>Checks an e-mail and password. Returns null for any mismatch, without saying which part was wrong.</summary>
public sealed record SignInCommand(string Email, string Password) : ICommand<UserDto?>
{
    public override string ToString() => $"{nameof(SignInCommand)} {{ Email = {Email}, Password = *** }}";
}

public sealed class SignInCommandHandler(IApplicationDbContext db, IPasswordHasher passwordHasher) : ICommandHandler<SignInCommand, UserDto?>
{
    public async ValueTask<UserDto?> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(command.Email);
        var user = await db.Users.Where(u => u.Email == email).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            passwordHasher.SimulateVerify(command.Password);
            return null;
        }

        switch (passwordHasher.Verify(user.PasswordHash, command.Password))
        {
            case PasswordCheck.Success:
                return user.Adapt<UserDto>();
            case PasswordCheck.SuccessRehashNeeded:
                user.ChangePasswordHash(passwordHasher.Hash(command.Password));
                return user.Adapt<UserDto>();
            default:
                return null;
        }
    }
}
