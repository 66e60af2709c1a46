using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using FluentValidation.TestHelper;
using NodaTime;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Events;

public class CreateEventCommandValidatorTests
{
    private static readonly Instant Start = Utc(2025, 6, 3, 10);
    private static readonly LocalDate Day = new(2025, 6, 3);
    private readonly CreateEventCommandValidator _validator = new();

    [Fact]
    public void TimedEvent_IsValid() =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(Start, Start + Duration.FromHours(1), TimeZone: "Europe/Berlin")))
            .ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void AllDayEvent_IsValid() =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(IsAllDay: true, StartDate: Day, EndDate: Day.PlusDays(2))))
            .ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void FullDetails_AtTheLimits_AreValid() =>
        _validator.TestValidate(ACreateEvent(new string('t', 200)) with { Description = new string('d', 4000), Location = new string('l', 300) })
            .ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankTitle_FailsOnTitle(string title) =>
        _validator.TestValidate(ACreateEvent(title)).ShouldHaveValidationErrorFor(c => c.Title).Only();

    [Fact]
    public void TitleTooLong_FailsOnTitle() =>
        _validator.TestValidate(ACreateEvent(new string('t', 201))).ShouldHaveValidationErrorFor(c => c.Title).Only();

    [Fact]
    public void DescriptionTooLong_FailsOnDescription() =>
        _validator.TestValidate(ACreateEvent() with { Description = new string('d', 4001) })
            .ShouldHaveValidationErrorFor(c => c.Description).Only();

    [Fact]
    public void LocationTooLong_FailsOnLocation() =>
        _validator.TestValidate(ACreateEvent() with { Location = new string('l', 301) })
            .ShouldHaveValidationErrorFor(c => c.Location).Only();

    [Fact]
    public void NeitherStartNorStartDate_FailsOnTimeStart() =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(End: Start)))
            .ShouldHaveValidationErrorFor("Time.Start")
            .WithErrorMessage("Give a start time, or a start date for an all-day event.");

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void EndNotAfterStart_FailsOnTimeEnd(int minutes) =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(Start, Start + Duration.FromMinutes(minutes))))
            .ShouldHaveValidationErrorFor("Time.End").Only();

    [Fact]
    public void EndDateBeforeStartDate_FailsOnTimeEndDate() =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(StartDate: Day, EndDate: Day.PlusDays(-1))))
            .ShouldHaveValidationErrorFor("Time.EndDate").Only();

    [Fact]
    public void UnknownTimeZone_FailsOnTimeTimeZone() =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(Start, TimeZone: "Mars/Base")))
            .ShouldHaveValidationErrorFor("Time.TimeZone").Only();

    [Fact]
    public void StartDateOnATimedEvent_FailsOnTimeStartDate() =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(Start, IsAllDay: false, StartDate: Day)))
            .ShouldHaveValidationErrorFor("Time.StartDate").Only();

    [Fact]
    public void BothStartAndStartDateOnAnAllDayEvent_FailsOnTimeStart() =>
        _validator.TestValidate(ACreateEvent(time: new EventTimeInput(Start, IsAllDay: true, StartDate: Day)))
            .ShouldHaveValidationErrorFor("Time.Start").Only();
}
