using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.UpdateEvent;
using CleanAssistant.Domain.Events;
using FluentValidation.TestHelper;
using NodaTime;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Events;

public class UpdateEventCommandValidatorTests
{
    private static readonly EventId Id = EventId.New();
    private readonly UpdateEventCommandValidator _validator = new();

    [Fact]
    public void NothingToChange_IsValid() =>
        _validator.TestValidate(new UpdateEventCommand(Id)).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void EveryFieldChanged_IsValid() =>
        _validator.TestValidate(new UpdateEventCommand(
                Id,
                ExpectedVersion: 3,
                Title: "Dentist",
                Description: "Check-up",
                Location: "Main St 1",
                Time: new EventTimeInput(Start: Utc(2025, 6, 3, 10), TimeZone: "America/New_York")))
            .ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void EmptyDescriptionAndLocation_AreValidBecauseTheyClearTheField() =>
        _validator.TestValidate(new UpdateEventCommand(Id, Description: "", Location: "")).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void BlankTitle_FailsOnTitle(string title) =>
        _validator.TestValidate(new UpdateEventCommand(Id, Title: title)).ShouldHaveValidationErrorFor(c => c.Title).Only();

    [Fact]
    public void TitleTooLong_FailsOnTitle() =>
        _validator.TestValidate(new UpdateEventCommand(Id, Title: new string('t', 201))).ShouldHaveValidationErrorFor(c => c.Title).Only();

    [Fact]
    public void DescriptionTooLong_FailsOnDescription() =>
        _validator.TestValidate(new UpdateEventCommand(Id, Description: new string('d', 4001)))
            .ShouldHaveValidationErrorFor(c => c.Description).Only();

    [Fact]
    public void LocationTooLong_FailsOnLocation() =>
        _validator.TestValidate(new UpdateEventCommand(Id, Location: new string('l', 301)))
            .ShouldHaveValidationErrorFor(c => c.Location).Only();

    [Fact]
    public void TimeWithEndBeforeStart_FailsOnTimeEnd()
    {
        var start = Utc(2025, 6, 3, 10);

        _validator.TestValidate(new UpdateEventCommand(Id, Time: new EventTimeInput(start, start - Duration.FromHours(1))))
            .ShouldHaveValidationErrorFor("Time.End").Only();
    }

    [Fact]
    public void TimeWithUnknownZone_FailsOnTimeTimeZone() =>
        _validator.TestValidate(new UpdateEventCommand(Id, Time: new EventTimeInput(TimeZone: "Europe/Atlantis")))
            .ShouldHaveValidationErrorFor("Time.TimeZone").Only();

    [Fact]
    public void OnlyAnEndDate_IsValidBecauseTheStartIsKept() =>
        _validator.TestValidate(new UpdateEventCommand(Id, Time: new EventTimeInput(EndDate: new LocalDate(2025, 6, 9))))
            .ShouldNotHaveAnyValidationErrors();
}
