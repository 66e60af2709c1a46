using CleanAssistant.Application.Common.Behaviours;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Paging;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.GetMe;
using CleanAssistant.Application.Users.ListUsers;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Domain.Users;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Common.Behaviours;

public class AuthorizationBehaviourTests
{
    private static readonly UserDto Me = new(UserId.New(), "alice@example.com", "Alice", "Europe/Berlin", UserRole.User, Now, UserPreferences.Default);
    private static readonly Page<UserDto> NoUsers = new([], 0, HasNextPage: false);

    [Fact]
    public async Task UserOnlyMessage_WithoutSignedInUser_IsUnauthenticatedAndNeverHandled()
    {
        var next = Next<GetMeQuery, UserDto>(Me);
        var behaviour = new AuthorizationBehaviour<GetMeQuery, UserDto>(Anonymous());

        await Should.ThrowAsync<UnauthenticatedException>(async () => await behaviour.Handle(new GetMeQuery(), next.Handler, CancellationToken.None));

        next.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task UserOnlyMessage_WithSignedInUser_IsHandled()
    {
        var next = Next<GetMeQuery, UserDto>(Me);
        var behaviour = new AuthorizationBehaviour<GetMeQuery, UserDto>(SignedIn());

        var response = await behaviour.Handle(new GetMeQuery(), next.Handler, CancellationToken.None);

        response.ShouldBe(Me);
    }

    [Fact]
    public async Task AdminOnlyMessage_FromOrdinaryUser_IsForbiddenAndNeverHandled()
    {
        var next = Next<ListUsersQuery, Page<UserDto>>(NoUsers);
        var behaviour = new AuthorizationBehaviour<ListUsersQuery, Page<UserDto>>(SignedIn(UserRole.User));

        var error = await Should.ThrowAsync<ForbiddenException>(async () => await behaviour.Handle(new ListUsersQuery(), next.Handler, CancellationToken.None));

        error.Code.ShouldBe("FORBIDDEN");
        next.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task AdminOnlyMessage_WithoutSignedInUser_IsUnauthenticatedRatherThanForbidden()
    {
        var behaviour = new AuthorizationBehaviour<ListUsersQuery, Page<UserDto>>(Anonymous());

        await Should.ThrowAsync<UnauthenticatedException>(
            async () => await behaviour.Handle(new ListUsersQuery(), Next<ListUsersQuery, Page<UserDto>>(NoUsers).Handler, CancellationToken.None));
    }

    [Fact]
    public async Task AdminOnlyMessage_FromAdminWhoseTokenLacksTheAdminScope_IsForbiddenAndNeverHandled()
    {
        var next = Next<ListUsersQuery, Page<UserDto>>(NoUsers);
        var behaviour = new AuthorizationBehaviour<ListUsersQuery, Page<UserDto>>(SignedIn(UserRole.Admin, [ApiScopes.CalendarWrite]));

        var error = await Should.ThrowAsync<ForbiddenException>(async () => await behaviour.Handle(new ListUsersQuery(), next.Handler, CancellationToken.None));

        error.Message.ShouldContain(ApiScopes.Admin);
        next.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task AdminOnlyMessage_FromAdmin_IsHandled()
    {
        var next = Next<ListUsersQuery, Page<UserDto>>(NoUsers);
        var behaviour = new AuthorizationBehaviour<ListUsersQuery, Page<UserDto>>(SignedIn(UserRole.Admin));

        var response = await behaviour.Handle(new ListUsersQuery(), next.Handler, CancellationToken.None);

        response.ShouldBeSameAs(NoUsers);
    }

    [Fact]
    public async Task UnmarkedMessage_FromAnonymousCaller_IsHandled()
    {
        var next = Next<RegisterUserCommand, UserDto>(Me);
        var behaviour = new AuthorizationBehaviour<RegisterUserCommand, UserDto>(Anonymous());
        var command = ARegistration();

        await behaviour.Handle(command, next.Handler, CancellationToken.None);

        next.Calls.ShouldBe([command]);
    }
}
