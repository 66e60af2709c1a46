using CleanAssistant.Application.Users.ListUsers;
using FluentValidation.TestHelper;

namespace CleanAssistant.Application.Tests.Users;

public class ListUsersQueryValidatorTests
{
    private readonly ListUsersQueryValidator _validator = new();

    [Fact]
    public void DefaultPage_IsValid() =>
        _validator.TestValidate(new ListUsersQuery()).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public void PageSizeWithinLimits_IsValid(int first) =>
        _validator.TestValidate(new ListUsersQuery(first)).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void PageSizeOutOfLimits_FailsOnFirst(int first) =>
        _validator.TestValidate(new ListUsersQuery(first)).ShouldHaveValidationErrorFor(q => q.First).Only();
}
