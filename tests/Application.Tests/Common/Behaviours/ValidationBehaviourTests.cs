using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Calendars.ListCalendars;
using CleanAssistant.Application.Common.Behaviours;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Domain.Users;
using FluentValidation;
using NodaTime;
using static CleanAssistant.Application.Tests.Support.Builders;
using ValidationException = CleanAssistant.Application.Common.Exceptions.ValidationException;

namespace CleanAssistant.Application.Tests.Common.Behaviours;

public class ValidationBehaviourTests
{
    private static readonly UserDto Registered = new(UserId.New(), "alice@example.com", "Alice", "Europe/Berlin", UserRole.User, Now, UserPreferences.Default);

    [Fact]
    public async Task Handle_ValidMessage_CallsTheHandlerAndReturnsItsResponse()
    {
        var behaviour = new ValidationBehaviour<RegisterUserCommand, UserDto>([new RegisterUserCommandValidator()]);
        var next = Next<RegisterUserCommand, UserDto>(Registered);
        var command = ARegistration();

        var response = await behaviour.Handle(command, next.Handler, CancellationToken.None);

        response.ShouldBe(Registered);
        next.Calls.ShouldBe([command]);
    }

    [Fact]
    public async Task Handle_MessageWithoutValidators_CallsTheHandler()
    {
        var behaviour = new ValidationBehaviour<ListCalendarsQuery, IReadOnlyList<CalendarDto>>([]);
        var next = Next<ListCalendarsQuery, IReadOnlyList<CalendarDto>>([]);

        await behaviour.Handle(new ListCalendarsQuery(), next.Handler, CancellationToken.None);

        next.Calls.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Handle_InvalidMessage_ThrowsValidationExceptionWithCamelCaseFieldsAndSkipsTheHandler()
    {
        var behaviour = new ValidationBehaviour<RegisterUserCommand, UserDto>([new RegisterUserCommandValidator()]);
        var next = Next<RegisterUserCommand, UserDto>(Registered);

        var error = await Should.ThrowAsync<ValidationException>(
            async () => await behaviour.Handle(ARegistration(displayName: "", timeZone: "Berlin"), next.Handler, CancellationToken.None));

        error.Code.ShouldBe("VALIDATION");
        error.Failures.Select(f => f.Field).ShouldBe(["displayName", "timeZone"], ignoreOrder: true);
        error.Failures.ShouldAllBe(f => !string.IsNullOrWhiteSpace(f.Message));
        next.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Handle_OneBrokenRule_UsesItsMessageForTheException()
    {
        var behaviour = new ValidationBehaviour<RegisterUserCommand, UserDto>([new RegisterUserCommandValidator()]);

        var error = await Should.ThrowAsync<ValidationException>(
            async () => await behaviour.Handle(ARegistration(password: "short"), Next<RegisterUserCommand, UserDto>(Registered).Handler, CancellationToken.None));

        error.Failures.ShouldHaveSingleItem().Field.ShouldBe("password");
        error.Message.ShouldBe("The password must have at least 8 characters.");
    }

    [Fact]
    public async Task Handle_FailuresOfSeveralValidators_AreReportedTogether()
    {
        var noExampleDomains = new InlineValidator<RegisterUserCommand>();
        noExampleDomains.RuleFor(c => c.Email).Must(e => !e.EndsWith("@example.com", StringComparison.Ordinal));
        var behaviour = new ValidationBehaviour<RegisterUserCommand, UserDto>([new RegisterUserCommandValidator(), noExampleDomains]);

        var error = await Should.ThrowAsync<ValidationException>(
            async () => await behaviour.Handle(ARegistration(displayName: " "), Next<RegisterUserCommand, UserDto>(Registered).Handler, CancellationToken.None));

        error.Failures.Select(f => f.Field).ShouldBe(["displayName", "email"], ignoreOrder: true);
    }

    [Fact]
    public async Task Handle_BrokenRuleInNestedInput_NamesTheFieldAsACamelCasePath()
    {
        var start = Utc(2025, 6, 3, 10);

        var error = await InvalidEvent(new EventTimeInput(start, start - Duration.FromHours(1)));

        error.Failures.ShouldHaveSingleItem().Field.ShouldBe("time.end");
    }

    [Fact]
    public async Task Handle_BrokenRuleInNestedMultiWordField_CamelCasesEverySegment()
    {
        var day = new LocalDate(2025, 6, 3);

        var error = await InvalidEvent(new EventTimeInput(StartDate: day, EndDate: day.PlusDays(-1)));

        error.Failures.ShouldHaveSingleItem().Field.ShouldBe("time.endDate");
    }

    private static async Task<ValidationException> InvalidEvent(EventTimeInput time)
    {
        var behaviour = new ValidationBehaviour<CreateEventCommand, EventDto>([new CreateEventCommandValidator()]);
        var next = Next<CreateEventCommand, EventDto>(null!);

        var error = await Should.ThrowAsync<ValidationException>(
            async () => await behaviour.Handle(ACreateEvent(time: time), next.Handler, CancellationToken.None));

        next.Calls.ShouldBeEmpty();
        return error;
    }
}
