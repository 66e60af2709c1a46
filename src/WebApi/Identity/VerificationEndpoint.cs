using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// <c>GET|POST /connect/verify</c>: the device flow's verification page (RFC 8628 §3.3). The user types the
/// code their device shows (or arrives with it from <c>verification_uri_complete</c>), signs in, and allows or
/// denies; the device's polling then gets tokens or <c>access_denied</c>.
/// </summary>
internal static class VerificationEndpoint
{
    public static IEndpointRouteBuilder MapVerificationEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/verify", [HttpMethods.Get, HttpMethods.Post], VerifyAsync).ExcludeFromDescription();
        endpoints.MapGet("/connect/verify/done", (HttpContext context, bool? allowed) => allowed == true
            ? OAuthPages.Message(context, "Device connected", "You can close this page and go back to your device.", StatusCodes.Status200OK)
            : OAuthPages.Message(context, "Device not connected", "You denied access. The device will not be connected.", StatusCodes.Status200OK))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> VerifyAsync(
        HttpContext context,
        IMediator mediator,
        IAntiforgery antiforgery,
        IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (string.IsNullOrEmpty(request.UserCode))
        {
            return OAuthPages.EnterUserCode(context, error: null);
        }

        var user = await LoginEndpoint.SignedInUserAsync(context, mediator);
        if (user is null)
        {
            return LoginEndpoint.RedirectToLogin(
                context, $"{context.Request.PathBase}/connect/verify{QueryString.Create("user_code", request.UserCode)}");
        }

        // OpenIddict resolves the user code; no principal means it is unknown, used or expired.
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } device || string.IsNullOrEmpty(device.GetClaim(Claims.ClientId)))
        {
            return OAuthPages.EnterUserCode(context, "That code is wrong or has expired. Check the code on your device.");
        }

        var scopes = UserPrincipal.Grantable(device.GetScopes(), user).ToList();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return OAuthPages.Message(context, "Form expired", "This form is no longer valid. Go back, reload the page and try again.", StatusCodes.Status400BadRequest);
            }

            var consent = (await context.Request.ReadFormAsync(context.RequestAborted))["consent"].ToString();
            if (consent == "allow")
            {
                return Results.SignIn(
                    UserPrincipal.Create(user, scopes, firstParty: false, authorizationId: null),
                    new AuthenticationProperties { RedirectUri = $"{context.Request.PathBase}/connect/verify/done?allowed=true" },
                    OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            if (consent == "deny")
            {
                return Results.Forbid(
                    new AuthenticationProperties { RedirectUri = $"{context.Request.PathBase}/connect/verify/done?allowed=false" },
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
        }

        var application = await applications.FindByClientIdAsync(device.GetClaim(Claims.ClientId)!, context.RequestAborted);
        var clientName = application is null ? "A device" : await applications.GetDisplayNameAsync(application, context.RequestAborted) ?? "A device";
        return OAuthPages.Consent(
            context, antiforgery, $"{context.Request.PathBase}/connect/verify", clientName, user.DisplayName, scopes, [KeyValuePair.Create("user_code", request.UserCode)]);
    }
}
