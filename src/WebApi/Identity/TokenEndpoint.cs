using System.Security.Claims;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Users.FindUser;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Identity;
using CleanAssistant.WebApi.RateLimiting;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using IdentityOptions = CleanAssistant.Infrastructure.Identity.IdentityOptions;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// <c>POST /connect/token</c>. OpenIddict validates the request (client, permissions, PKCE, codes, refresh-token
/// rotation); this decides who the token is for: the user of a password grant (first-party client only), of an
/// authorization code, device code or refresh token (looked up again, so a deleted user gets nothing), or the
/// client itself for client credentials. Password attempts go through the <see cref="ILoginThrottle"/>: a
/// throttled one gets 429 with <c>Retry-After</c> and no password check.
/// </summary>
internal static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/connect/token", ExchangeAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The OAuth error of a throttled sign-in (RFC 8628's "slow down", with the wait in <c>Retry-After</c>).</summary>
    public const string SlowDown = "slow_down";

    private static async Task<IResult> ExchangeAsync(
        HttpContext context, IMediator mediator, IOpenIddictApplicationManager applications, IOptions<IdentityOptions> options, IAuditLog auditLog, PasswordSignIn passwords)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var firstParty = request.ClientId == options.Value.FirstPartyClientId;

        if (request.IsPasswordGrantType())
        {
            var (user, wait) = await passwords.SignInAsync(context, request.Username ?? string.Empty, request.Password ?? string.Empty, request.ClientId, "grant=password");
            if (wait is { } retryAfter)
            {
                return TooManyAttempts(context, retryAfter);
            }

            if (user is null)
            {
                return Reject(Errors.InvalidGrant, "The e-mail address or password is wrong.");
            }

            var scopes = FirstPartyScopes(request.GetScopes()).ToList();
            await auditLog.RecordAsync(AuditEventKind.TokenGranted, user.Id, request.ClientId, Granted("password", scopes), context.RequestAborted);
            return SignIn(UserPrincipal.Create(user, scopes, firstParty, authorizationId: null));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsDeviceCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = Guid.TryParse(granted?.GetClaim(Claims.Subject), out var id)
                ? await mediator.Send(new FindUserQuery(new UserId(id)), context.RequestAborted)
                : null;
            var grant = request.GrantType ?? "";
            if (user is null)
            {
                await auditLog.RecordAsync(AuditEventKind.LoginFailed, null, request.ClientId, "grant=" + grant, context.RequestAborted);
                return Reject(Errors.InvalidGrant, "The grant is no longer valid.");
            }

            var kind = request.IsRefreshTokenGrantType() ? AuditEventKind.TokenRefreshed : AuditEventKind.TokenGranted;
            await auditLog.RecordAsync(kind, user.Id, request.ClientId, Granted(grant, granted!.GetScopes()), context.RequestAborted);
            return SignIn(UserPrincipal.Create(user, granted!.GetScopes(), firstParty, granted!.GetAuthorizationId()));
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
                ?? throw new InvalidOperationException("OpenIddict validated a client that does not exist.");
            var scopes = request.GetScopes();
            if (scopes.IsEmpty)
            {
                var permissions = await applications.GetPermissionsAsync(application, context.RequestAborted);
                scopes = [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..])
                    .Where(ApiScopes.Descriptions.ContainsKey)];
            }

            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.RequestAborted) ?? request.ClientId);
            identity.SetScopes(scopes);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            await auditLog.RecordAsync(AuditEventKind.TokenGranted, null, request.ClientId, Granted("client_credentials", scopes), context.RequestAborted);
            return SignIn(new ClaimsPrincipal(identity));
        }

        return Reject(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>
    /// Our own apps may do everything: asking for nothing or for <c>api</c> (what they always asked for) grants
    /// <c>api</c> and every API scope; otherwise they get what they asked for.
    /// </summary>
    private static IEnumerable<string> FirstPartyScopes(IReadOnlyCollection<string> requested) =>
        requested.Count == 0 || requested.Contains(IdentitySeeder.ApiScope)
            ? requested.Union([IdentitySeeder.ApiScope, .. ApiScopes.All])
            : requested;

    /// <summary>The audit note of a grant: its type and the scopes, never a token or a name.</summary>
    private static string Granted(string grant, IEnumerable<string> scopes) => $"grant={grant} scopes={string.Join(' ', scopes)}";

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Reject(string error, string description) => AuthorizationEndpoint.Reject(error, description);

    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(
            new Dictionary<string, object> { ["error"] = SlowDown, ["error_description"] = $"Too many failed sign-ins; retry after {seconds} seconds." },
            statusCode: StatusCodes.Status429TooManyRequests);
    }
}
