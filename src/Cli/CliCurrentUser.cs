using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Users;
using CleanAssistant.Domain.Users;

namespace CleanAssistant.Cli;

/// <summary>
/// Who the CLI acts as, for one command's DI scope. The operator at the console is nobody in particular:
/// messages that need a signed-in user or an administrator are refused, as they would be for an anonymous
/// API call, unless a command that takes <c>--user</c> has looked that user up and called <see cref="ActAs"/>.
/// No token limits the console: it has every scope (an operator with a shell on the server could do anything anyway).
/// </summary>
public sealed class CliCurrentUser : ICurrentUser
{
    private UserRole? _role;

    public UserId? Id { get; private set; }

    /// <summary>From here on, this scope's messages are sent as <paramref name="user"/>, with that user's role.</summary>
    public void ActAs(UserDto user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Id = user.Id;
        _role = user.Role;
    }

    public bool IsInRole(UserRole role) => _role is { } own && (own == role || own == UserRole.Admin);

    public bool HasScope(string scope) => true;
}
