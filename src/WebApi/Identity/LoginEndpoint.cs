using System.Globalization;
using System.Security.Claims;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.FindUser;
using CleanAssistant.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// <c>/connect/login</c>: the e-mail and password form of the authorization-code and device flows. It signs the
/// user into <see cref="Scheme"/>, a cookie only these pages read (the API itself only accepts access tokens).
/// Attempts go through <see cref="PasswordSignIn"/>, as the password grant's do (throttled and audited).
/// </summary>
internal static class LoginEndpoint
{
    public const string Scheme = "CleanAssistant.OAuthLogin";

    public static IEndpointRouteBuilder MapLoginEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/connect/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            OAuthPages.Login(context, antiforgery, LocalOrRoot(returnUrl), string.Empty, error: null)).ExcludeFromDescription();
        endpoints.MapPost("/connect/login", SignInAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Sends the browser to the login page, to come back to <paramref name="returnUrl"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="returnUrl">A local path and query.</param>
    public static IResult RedirectToLogin(HttpContext context, string returnUrl) =>
        Results.Redirect($"{context.Request.PathBase}/connect/login{QueryString.Create("returnUrl", returnUrl)}");

    /// <summary>The user signed into the login cookie, if they still exist.</summary>
    /// <param name="context">The request.</param>
    /// <param name="mediator">Looks the user up.</param>
    public static async Task<UserDto?> SignedInUserAsync(HttpContext context, IMediator mediator)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return Guid.TryParse(result.Principal?.FindFirst(Claims.Subject)?.Value, out var id)
            ? await mediator.Send(new FindUserQuery(new UserId(id)), context.RequestAborted)
            : null;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, PasswordSignIn passwords)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return OAuthPages.Message(context, "Form expired", "This form is no longer valid. Go back, reload the page and try again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        var email = form["email"].ToString();
        var (user, wait) = await passwords.SignInAsync(context, email, form["password"].ToString(), clientId: null, "login-page");
        if (wait is { } retryAfter)
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return OAuthPages.Login(context, antiforgery, returnUrl, email, $"Too many failed sign-ins. Try again in {seconds} seconds.");
        }

        if (user is null)
        {
            return OAuthPages.Login(context, antiforgery, returnUrl, email, "The e-mail address or password is wrong.");
        }

        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id.Value.ToString()));
        identity.AddClaim(new Claim(Claims.Name, user.DisplayName));
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>Only a path on this site: the login page must not become an open redirector.</summary>
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not '/' and not '\\' ? returnUrl : "/";
}
