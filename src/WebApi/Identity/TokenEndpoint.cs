using System.Security.Claims;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.FindUser;
using CleanAssistant.Application.Users.SignIn;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// <c>POST /connect/token</c>: the password grant (first-party client only, enforced by client permissions)
/// and the refresh-token grant. OpenIddict validates the request; this decides who the user is.
/// </summary>
internal static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/connect/token", ExchangeAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, IMediator mediator, IAuditLog auditLog)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var user = await mediator.Send(new SignInCommand(request.Username ?? string.Empty, request.Password ?? string.Empty), context.RequestAborted);
            if (user is null)
            {
                // Neither the e-mail address nor the password goes into the audit log.
                await auditLog.RecordAsync(AuditEventKind.LoginFailed, null, request.ClientId, "grant=password", context.RequestAborted);
                return Reject(Errors.InvalidGrant, "The e-mail address or password is wrong.");
            }

            await auditLog.RecordAsync(AuditEventKind.LoginSucceeded, user.Id, request.ClientId, "grant=password", context.RequestAborted);
            await auditLog.RecordAsync(AuditEventKind.TokenGranted, user.Id, request.ClientId, Scopes("password", request.GetScopes()), context.RequestAborted);
            return SignIn(user, request.GetScopes());
        }

        if (request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var user = Guid.TryParse(subject, out var id)
                ? await mediator.Send(new FindUserQuery(new UserId(id)), context.RequestAborted)
                : null;
            if (user is null)
            {
                await auditLog.RecordAsync(AuditEventKind.LoginFailed, null, request.ClientId, "grant=refresh_token", context.RequestAborted);
                return Reject(Errors.InvalidGrant, "The refresh token is no longer valid.");
            }

            await auditLog.RecordAsync(AuditEventKind.TokenRefreshed, user.Id, request.ClientId, Scopes("refresh_token", result.Principal!.GetScopes()), context.RequestAborted);
            return SignIn(user, result.Principal!.GetScopes());
        }

        return Reject(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static string Scopes(string grant, IEnumerable<string> scopes) => $"grant={grant} scopes={string.Join(' ', scopes)}";

    private static IResult SignIn(UserDto user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.Value.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaims(Claims.Role, RolesOf(user.Role));
        identity.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>An administrator is also a user.</summary>
    public static System.Collections.Immutable.ImmutableArray<string> RolesOf(UserRole role) =>
        role == UserRole.Admin ? ["user", "admin"] : ["user"];

    private static IResult Reject(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
