using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>The caller as the validated access token says.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public UserId? Id =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } principal
        && Guid.TryParse(principal.FindFirst(Claims.Subject)?.Value, out var id)
            ? new UserId(id)
            : null;

    public bool IsInRole(UserRole role) =>
        accessor.HttpContext?.User.HasClaim(Claims.Role, role == UserRole.Admin ? "admin" : "user") == true;
}
