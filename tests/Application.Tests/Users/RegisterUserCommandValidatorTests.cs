using CleanAssistant.Application.Users.RegisterUser;
using FluentValidation.TestHelper;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Users;

public class RegisterUserCommandValidatorTests
{
    private readonly RegisterUserCommandValidator _validator = new();

    [Fact]
    public void CompleteRegistration_IsValid() =>
        _validator.TestValidate(ARegistration()).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void WithoutTimeZone_IsValidBecauseUtcIsTheDefault() =>
        _validator.TestValidate(ARegistration(timeZone: null)).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    public void InvalidEmail_FailsOnEmail(string email) =>
        _validator.TestValidate(ARegistration(email: email)).ShouldHaveValidationErrorFor(c => c.Email).Only();

    [Fact]
    public void EmailTooLong_FailsOnEmail() =>
        _validator.TestValidate(ARegistration(email: new string('a', 243) + "@example.com")).ShouldHaveValidationErrorFor(c => c.Email).Only();

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    public void PasswordShorterThanEight_FailsOnPassword(string password) =>
        _validator.TestValidate(ARegistration(password: password)).ShouldHaveValidationErrorFor(c => c.Password).Only();

    [Fact]
    public void PasswordOfEightWithoutCompositionRules_IsValid() =>
        _validator.TestValidate(ARegistration(password: "abcdefgh")).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void PasswordLongerThan256_FailsOnPassword()
    {
        _validator.TestValidate(ARegistration(password: new string('p', 256))).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(ARegistration(password: new string('p', 257))).ShouldHaveValidationErrorFor(c => c.Password).Only();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankDisplayName_FailsOnDisplayName(string displayName) =>
        _validator.TestValidate(ARegistration(displayName: displayName)).ShouldHaveValidationErrorFor(c => c.DisplayName).Only();

    [Fact]
    public void DisplayNameTooLong_FailsOnDisplayName() =>
        _validator.TestValidate(ARegistration(displayName: new string('n', 101))).ShouldHaveValidationErrorFor(c => c.DisplayName).Only();

    [Theory]
    [InlineData("")]
    [InlineData("Berlin")]
    [InlineData("GMT+2")]
    public void UnknownTimeZone_FailsOnTimeZone(string timeZone) =>
        _validator.TestValidate(ARegistration(timeZone: timeZone)).ShouldHaveValidationErrorFor(c => c.TimeZone).Only();
}
