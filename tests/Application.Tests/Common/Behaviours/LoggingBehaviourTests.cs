using CleanAssistant.Application.Common.Behaviours;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Tests.Support;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Application.Users.SignIn;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using Microsoft.Extensions.Logging;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Common.Behaviours;

public class LoggingBehaviourTests
{
    private const string Password = "Tr0ub4dor&3-secret-phrase";
    private const string Email = "carol.private@example.org";
    private const string DisplayName = "Carol Privateperson";

    private static readonly UserDto Registered = new(UserId.New(), Email, DisplayName, "UTC", UserRole.User, Now, UserPreferences.Default);
    private static readonly RegisterUserCommand Registration = ARegistration(Email, Password, DisplayName, timeZone: null);

    private readonly CapturingLogger<LoggingBehaviour<RegisterUserCommand, UserDto>> _logger = new();

    [Fact]
    public async Task HandledCommand_IsLoggedByTypeWithoutItsContent()
    {
        var behaviour = new LoggingBehaviour<RegisterUserCommand, UserDto>(_logger);

        await behaviour.Handle(Registration, Next<RegisterUserCommand, UserDto>(Registered).Handler, CancellationToken.None);

        var entry = _logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Information);
        entry.Message.ShouldContain(nameof(RegisterUserCommand));
        ShouldNotLeakTheCommand(_logger.AllText);
    }

    [Fact]
    public async Task RejectedCommand_IsLoggedWithItsErrorCodeWithoutItsContent()
    {
        var behaviour = new LoggingBehaviour<RegisterUserCommand, UserDto>(_logger);
        var next = Throwing<RegisterUserCommand, UserDto>(new ConflictException("EMAIL_TAKEN", "An account with this e-mail address already exists."));

        await Should.ThrowAsync<ConflictException>(async () => await behaviour.Handle(Registration, next.Handler, CancellationToken.None));

        var entry = _logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Information);
        entry.Message.ShouldContain("EMAIL_TAKEN");
        ShouldNotLeakTheCommand(_logger.AllText);
    }

    [Fact]
    public async Task CommandBreakingADomainRule_IsLoggedAsRejectedWithTheDomainCode()
    {
        var behaviour = new LoggingBehaviour<RegisterUserCommand, UserDto>(_logger);
        var next = Throwing<RegisterUserCommand, UserDto>(new DomainException("INVALID_EMAIL", "Email must be an e-mail address."));

        await Should.ThrowAsync<DomainException>(async () => await behaviour.Handle(Registration, next.Handler, CancellationToken.None));

        _logger.Entries.ShouldHaveSingleItem().Message.ShouldContain("INVALID_EMAIL");
        ShouldNotLeakTheCommand(_logger.AllText);
    }

    [Fact]
    public async Task FailedCommand_IsLoggedAsErrorWithTheExceptionButWithoutItsContent()
    {
        var behaviour = new LoggingBehaviour<RegisterUserCommand, UserDto>(_logger);
        var failure = new InvalidOperationException("database unavailable");

        var thrown = await Should.ThrowAsync<InvalidOperationException>(
            async () => await behaviour.Handle(Registration, Throwing<RegisterUserCommand, UserDto>(failure).Handler, CancellationToken.None));

        thrown.ShouldBeSameAs(failure);
        var entry = _logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Exception.ShouldBeSameAs(failure);
        entry.Message.ShouldContain(nameof(RegisterUserCommand));
        ShouldNotLeakTheCommand(_logger.AllText);
    }

    [Fact]
    public async Task CancelledCommand_IsNotLoggedAsAnError()
    {
        var behaviour = new LoggingBehaviour<RegisterUserCommand, UserDto>(_logger);

        await Should.ThrowAsync<OperationCanceledException>(async () =>
            await behaviour.Handle(Registration, Throwing<RegisterUserCommand, UserDto>(new OperationCanceledException()).Handler, CancellationToken.None));

        _logger.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task SignIn_IsLoggedWithoutThePassword()
    {
        var logger = new CapturingLogger<LoggingBehaviour<SignInCommand, UserDto?>>();
        var behaviour = new LoggingBehaviour<SignInCommand, UserDto?>(logger);

        await behaviour.Handle(new SignInCommand(Email, Password), Next<SignInCommand, UserDto?>(null).Handler, CancellationToken.None);

        logger.Entries.ShouldHaveSingleItem().Message.ShouldContain(nameof(SignInCommand));
        logger.AllText.ShouldNotContain(Password);
        logger.AllText.ShouldNotContain(Email);
    }

    private static void ShouldNotLeakTheCommand(string logged)
    {
        logged.ShouldNotContain(Password);
        logged.ShouldNotContain(Email);
        logged.ShouldNotContain(DisplayName);
    }
}
