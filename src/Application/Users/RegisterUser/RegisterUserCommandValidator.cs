using CleanAssistant.Application.Common.Validation;
using CleanAssistant.Domain.Users;
using FluentValidation;

namespace CleanAssistant.Application.Users.RegisterUser;

public sealed class RegisterUserCommandValidator : AbstractValidator<RegisterUserCommand>
{
    /// <summary>NIST SP 800-63B: at least 8 characters, allow long passphrases, no composition rules.</summary>
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    public RegisterUserCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(User.MaxEmailLength).EmailAddress();
        RuleFor(c => c.Password).NotEmpty()
            .MinimumLength(MinPasswordLength).WithMessage($"The password must have at least {MinPasswordLength} characters.")
            .MaximumLength(MaxPasswordLength);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(User.MaxDisplayNameLength);
        RuleFor(c => c.TimeZone).MustBeTimeZone();
    }
}
