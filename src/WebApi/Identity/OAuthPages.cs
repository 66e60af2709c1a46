using System.Text;
using System.Text.Encodings.Web;
using CleanAssistant.Application.Common.Security;
using Microsoft.AspNetCore.Antiforgery;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// The server-rendered pages of the OAuth flows (sign-in, consent, device code). Plain HTML forms that work
/// without JavaScript; every value is HTML-encoded and every POST form carries an antiforgery token.
/// </summary>
internal static class OAuthPages
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>What the consent page says each OpenID Connect scope allows; API scopes use <see cref="ApiScopes.Descriptions"/>.</summary>
    private static readonly Dictionary<string, string> StandardScopes = new(StringComparer.Ordinal)
    {
        [Scopes.OpenId] = "Know who you are",
        [Scopes.Profile] = "See your name",
        [Scopes.Email] = "See your e-mail address",
        [Scopes.Roles] = "See whether you are an administrator",
        [Scopes.OfflineAccess] = "Keep this access when you are not using the app",
    };

    public static string DescribeScope(string scope) =>
        ApiScopes.Descriptions.TryGetValue(scope, out var api) ? api
        : StandardScopes.TryGetValue(scope, out var standard) ? standard
        : scope;

    public static IResult Login(HttpContext context, IAntiforgery antiforgery, string returnUrl, string email, string? error) =>
        Page(context, "Sign in", $"""
            <h1>Sign in to CleanAssistant</h1>
            {ErrorParagraph(error)}
            <form method="post" action="{Encode(context.Request.PathBase + "/connect/login")}">
              {AntiforgeryField(context, antiforgery)}
              <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
              <p><label>E-mail address<br><input type="email" name="email" value="{Encode(email)}" autocomplete="username" required></label></p>
              <p><label>Password<br><input type="password" name="password" autocomplete="current-password" required></label></p>
              <p><button type="submit">Sign in</button></p>
            </form>
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    /// <param name="context">The request.</param>
    /// <param name="antiforgery">Issues the form's token.</param>
    /// <param name="action">Where the form posts.</param>
    /// <param name="clientName">The application asking.</param>
    /// <param name="userName">The signed-in user.</param>
    /// <param name="scopes">What the application asks for.</param>
    /// <param name="hiddenFields">Request parameters the form posts back.</param>
    public static IResult Consent(
        HttpContext context,
        IAntiforgery antiforgery,
        string action,
        string clientName,
        string userName,
        IEnumerable<string> scopes,
        IEnumerable<KeyValuePair<string, string>> hiddenFields)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(clientName)} wants to access your account</h1>");
        html.Append($"<p>Signed in as {Encode(userName)}.</p><p>It will be able to:</p><ul>");
        foreach (var scope in scopes)
        {
            html.Append($"<li>{Encode(DescribeScope(scope))} <small>({Encode(scope)})</small></li>");
        }

        html.Append($"</ul><form method=\"post\" action=\"{Encode(action)}\">");
        html.Append(AntiforgeryField(context, antiforgery));
        foreach (var (name, value) in hiddenFields)
        {
            html.Append($"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">");
        }

        html.Append("<p><button type=\"submit\" name=\"consent\" value=\"allow\">Allow</button> ");
        html.Append("<button type=\"submit\" name=\"consent\" value=\"deny\">Deny</button></p></form>");
        return Page(context, "Allow access?", html.ToString(), StatusCodes.Status200OK);
    }

    public static IResult EnterUserCode(HttpContext context, string? error) =>
        Page(context, "Connect a device", $"""
            <h1>Connect a device</h1>
            {ErrorParagraph(error)}
            <form method="get" action="{Encode(context.Request.PathBase + "/connect/verify")}">
              <p><label>Code shown on your device<br><input type="text" name="user_code" autocomplete="off" required></label></p>
              <p><button type="submit">Continue</button></p>
            </form>
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    public static IResult Message(HttpContext context, string title, string message, int statusCode) =>
        Page(context, title, $"<h1>{Encode(title)}</h1><p>{Encode(message)}</p>", statusCode);

    private static string ErrorParagraph(string? error) =>
        error is null ? string.Empty : $"<p role=\"alert\"><strong>{Encode(error)}</strong></p>";

    private static string AntiforgeryField(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken ?? string.Empty)}\">";
    }

    private static string Encode(string value) => Encoder.Encode(value);

    private static IResult Page(HttpContext context, string title, string body, int statusCode)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        // No scripts at all; the pages must not be framed (clickjacking on the consent buttons).
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Encode(title)}} – CleanAssistant</title>
            <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}input{width:100%;padding:.4rem}button{padding:.5rem 1.2rem;margin-right:.5rem}</style>
            </head><body>
            {{body}}
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
