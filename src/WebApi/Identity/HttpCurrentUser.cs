using System.Security.Claims;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>The caller as the validated access token says (over WebSocket: the token of connection_init).</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public UserId? Id =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } principal
        && Guid.TryParse(principal.FindFirst(Claims.Subject)?.Value, out var id)
            ? new UserId(id)
            : null;

    public bool IsInRole(UserRole role) =>
        accessor.HttpContext?.User.HasClaim(Claims.Role, role == UserRole.Admin ? "admin" : "user") == true;

    /// <summary>
    /// The token's scopes: OpenIddict's validation turns the JWT's space-separated <c>scope</c> claim into one
    /// <c>oi_scp</c> claim per scope; both are read. The first-party scope <c>api</c> of tokens issued before the
    /// API had scopes of its own stands for all of them.
    /// </summary>
    public bool HasScope(string scope)
    {
        if (accessor.HttpContext?.User is not { Identity.IsAuthenticated: true } principal)
        {
            return false;
        }

        var granted = GrantedScopes(accessor.HttpContext, principal);
        return granted.Contains(IdentitySeeder.ApiScope) || ScopeGrants.Allows(granted, scope);
    }

    /// <summary>The principal's scopes, read once per request (and again only if the principal changes, as on a WebSocket after <c>connection_init</c>).</summary>
    private static HashSet<string> GrantedScopes(HttpContext context, ClaimsPrincipal principal)
    {
        if (context.Items[typeof(HttpCurrentUser)] is (ClaimsPrincipal cachedFor, HashSet<string> cached) && ReferenceEquals(cachedFor, principal))
        {
            return cached;
        }

        var granted = principal.GetScopes()
            .Concat(principal.FindAll(Claims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToHashSet(StringComparer.Ordinal);
        context.Items[typeof(HttpCurrentUser)] = (principal, granted);
        return granted;
    }
}
