using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>Who is calling: filled from the access token by the host, empty for anonymous calls.</summary>
public interface ICurrentUser
{
    UserId? Id { get; }

    bool IsInRole(UserRole role);
}
