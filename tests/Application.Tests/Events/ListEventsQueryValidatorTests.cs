using CleanAssistant.Application.Events.ListEvents;
using FluentValidation.TestHelper;
using NodaTime;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Events;

public class ListEventsQueryValidatorTests
{
    private static readonly Instant From = Utc(2025, 6, 1, 0);
    private readonly ListEventsQueryValidator _validator = new();

    [Fact]
    public void OneMonthWithDefaultPage_IsValid() =>
        _validator.TestValidate(new ListEventsQuery(From, From + Duration.FromDays(30))).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void WindowOfExactlyTwoYears_IsValid() =>
        _validator.TestValidate(new ListEventsQuery(From, From + ListEventsQueryValidator.MaxWindow)).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void WindowLongerThanTwoYears_FailsOnTo() =>
        _validator.TestValidate(new ListEventsQuery(From, From + ListEventsQueryValidator.MaxWindow + Duration.Epsilon))
            .ShouldHaveValidationErrorFor(q => q.To).Only();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ToNotAfterFrom_FailsOnTo(int hours) =>
        _validator.TestValidate(new ListEventsQuery(From, From + Duration.FromHours(hours)))
            .ShouldHaveValidationErrorFor(q => q.To).WithErrorMessage("'to' must be after 'from'.");

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public void PageSizeWithinLimits_IsValid(int first) =>
        _validator.TestValidate(new ListEventsQuery(From, From + Duration.FromDays(1), First: first)).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(201)]
    public void PageSizeOutOfLimits_FailsOnFirst(int first) =>
        _validator.TestValidate(new ListEventsQuery(From, From + Duration.FromDays(1), First: first))
            .ShouldHaveValidationErrorFor(q => q.First).Only();
}
