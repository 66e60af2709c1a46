using System.Security.Claims;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.FindUser;
using CleanAssistant.Application.Users.SignIn;
using CleanAssistant.Domain.Users;
using CleanAssistant.WebApi.RateLimiting;
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
/// and the refresh-token grant. OpenIddict validates the request; this decides who the user is. Password attempts go
/// through the <see cref="ILoginThrottle"/>: a throttled one gets 429 with <c>Retry-After</c> and no password check.
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

    private static async Task<IResult> ExchangeAsync(HttpContext context, IMediator mediator, ILoginThrottle throttle)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var account = request.Username ?? string.Empty;
            var ip = RateLimitCaller.IpOf(context);
            if (await throttle.CheckAsync(account, ip, context.RequestAborted) is { } wait)
            {
                return TooManyAttempts(context, wait);
            }

            var user = await mediator.Send(new SignInCommand(account, request.Password ?? string.Empty), context.RequestAborted);
            if (user is null)
            {
                await throttle.RecordFailureAsync(account, ip, context.RequestAborted);
                return Reject(Errors.InvalidGrant, "The e-mail address or password is wrong.");
            }

            await throttle.RecordSuccessAsync(account, ip, context.RequestAborted);
            return SignIn(user, request.GetScopes());
        }

        if (request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var user = Guid.TryParse(subject, out var id)
                ? await mediator.Send(new FindUserQuery(new UserId(id)), context.RequestAborted)
                : null;
            return user is null
                ? Reject(Errors.InvalidGrant, "The refresh token is no longer valid.")
                : SignIn(user, result.Principal!.GetScopes());
        }

        return Reject(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

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

    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(
            new Dictionary<string, object> { ["error"] = SlowDown, ["error_description"] = $"Too many failed sign-ins; retry after {seconds} seconds." },
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static IResult Reject(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
