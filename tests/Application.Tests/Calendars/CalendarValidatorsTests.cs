using CleanAssistant.Application.Calendars.CreateCalendar;
using CleanAssistant.Application.Calendars.RenameCalendar;
using CleanAssistant.Domain.Calendars;
using FluentValidation.TestHelper;

namespace CleanAssistant.Application.Tests.Calendars;

public class CalendarValidatorsTests
{
    private readonly CreateCalendarCommandValidator _create = new();
    private readonly RenameCalendarCommandValidator _rename = new();

    [Fact]
    public void Create_WithName_IsValid() =>
        _create.TestValidate(new CreateCalendarCommand("Work")).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void Create_WithNameAtTheLimit_IsValid() =>
        _create.TestValidate(new CreateCalendarCommand(new string('n', Calendar.MaxNameLength))).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithBlankName_FailsOnName(string name) =>
        _create.TestValidate(new CreateCalendarCommand(name)).ShouldHaveValidationErrorFor(c => c.Name).Only();

    [Fact]
    public void Create_WithNameTooLong_FailsOnName() =>
        _create.TestValidate(new CreateCalendarCommand(new string('n', Calendar.MaxNameLength + 1))).ShouldHaveValidationErrorFor(c => c.Name).Only();

    [Fact]
    public void Rename_WithNameAndVersion_IsValid() =>
        _rename.TestValidate(new RenameCalendarCommand(CalendarId.New(), "Office", ExpectedVersion: 2)).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Rename_ToBlank_FailsOnName(string name) =>
        _rename.TestValidate(new RenameCalendarCommand(CalendarId.New(), name)).ShouldHaveValidationErrorFor(c => c.Name).Only();

    [Fact]
    public void Rename_ToNameTooLong_FailsOnName() =>
        _rename.TestValidate(new RenameCalendarCommand(CalendarId.New(), new string('n', Calendar.MaxNameLength + 1)))
            .ShouldHaveValidationErrorFor(c => c.Name).Only();
}
