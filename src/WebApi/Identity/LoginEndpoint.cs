using System.Globalization;
using System.Security.Claims;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.FindUser;
using CleanAssistant.Application.Users.SignIn;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using CleanAssistant.WebApi.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// <c>/connect/login</c>: the e-mail and password form of the authorization-code and device flows. It signs the
/// user into <see cref="Scheme"/>, a cookie only these pages read (the API itself only accepts access tokens).
/// Attempts go through the same <see cref="ILoginThrottle"/> as the password grant and are audited.
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

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, IMediator mediator, ILoginThrottle throttle, IAuditLog auditLog)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return OAuthPages.Message(context, "Form expired", "This form is no longer valid. Go back, reload the page and try again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        var email = form["email"].ToString();
        var ip = RateLimitCaller.IpOf(context);
        if (await throttle.CheckAsync(email, ip, context.RequestAborted) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await auditLog.RecordAsync(AuditEventKind.LoginFailed, null, null, "login-page throttled", context.RequestAborted);
            return OAuthPages.Login(context, antiforgery, returnUrl, email, $"Too many failed sign-ins. Try again in {seconds} seconds.");
        }

        var user = await mediator.Send(new SignInCommand(email, form["password"].ToString()), context.RequestAborted);
        if (user is null)
        {
            // Neither the e-mail address nor the password goes into the audit log.
            await throttle.RecordFailureAsync(email, ip, context.RequestAborted);
            await auditLog.RecordAsync(AuditEventKind.LoginFailed, null, null, "login-page", context.RequestAborted);
            return OAuthPages.Login(context, antiforgery, returnUrl, email, "The e-mail address or password is wrong.");
        }

        await throttle.RecordSuccessAsync(email, ip, context.RequestAborted);
        await auditLog.RecordAsync(AuditEventKind.LoginSucceeded, user.Id, null, "login-page", context.RequestAborted);

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
