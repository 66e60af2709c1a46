using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>Who is calling: filled from the access token by the host, empty for anonymous calls.</summary>
public interface ICurrentUser
{
    UserId? Id { get; }

    bool IsInRole(UserRole role);

    /// <summary>
    /// Whether the caller's token was granted <paramref name="scope"/> (one of <see cref="Security.ApiScopes"/>), or a
    /// scope that includes it. Hosts without tokens (the CLI) grant every scope; an anonymous caller has none.
    /// </summary>
    bool HasScope(string scope);
}
