using System.Collections.Immutable;
using System.Security.Claims;
using CleanAssistant.Application.Users;
using CleanAssistant.Domain.Users;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>The claims OpenIddict turns into a user's tokens, whatever the grant.</summary>
internal static class UserPrincipal
{
    /// <param name="user">The user, as the database has them now.</param>
    /// <param name="scopes">The granted scopes.</param>
    /// <param name="firstParty">
    /// Our own apps always get name and e-mail in their tokens (as before third-party clients existed); a
    /// third-party app only with the <c>profile</c> and <c>email</c> scopes.
    /// </param>
    /// <param name="authorizationId">The OpenIddict authorization the tokens belong to, if any.</param>
    public static ClaimsPrincipal Create(UserDto user, IEnumerable<string> scopes, bool firstParty, string? authorizationId)
    {
        var granted = scopes.ToImmutableArray();
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.Value.ToString())
            .SetClaims(Claims.Role, RolesOf(user.Role));
        if (firstParty || granted.Contains(Scopes.Email))
        {
            identity.SetClaim(Claims.Email, user.Email);
        }

        if (firstParty || granted.Contains(Scopes.Profile))
        {
            identity.SetClaim(Claims.Name, user.DisplayName);
        }

        identity.SetScopes(granted);
        identity.SetAuthorizationId(authorizationId);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Role when firstParty || granted.Contains(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }

    /// <summary>An administrator is also a user.</summary>
    public static ImmutableArray<string> RolesOf(UserRole role) =>
        role == UserRole.Admin ? ["user", "admin"] : ["user"];

    /// <summary>An administrator's token may carry the admin scope; anyone else's never does.</summary>
    public static IEnumerable<string> Grantable(IEnumerable<string> requested, UserDto user) =>
        requested.Where(scope => scope != Application.Common.Security.ApiScopes.Admin || user.Role == UserRole.Admin);
}
