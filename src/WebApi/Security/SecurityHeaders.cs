using Microsoft.Net.Http.Headers;

namespace CleanAssistant.WebApi.Security;

/// <summary>
/// Browser-facing hardening of every response, whoever writes it (endpoints, the IDE, error pages): no MIME
/// sniffing, no referrer, no framing, HSTS over HTTPS, and a strict content security policy for HTML pages.
/// A response that sets its own policy (the IDE page, which needs more) keeps it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy of every server-rendered HTML page (login and consent forms included): its own scripts, styles,
    /// images and form targets only; no inline script, no plugins, no &lt;base&gt;, not framed.
    /// </summary>
    public const string HtmlContentSecurityPolicy =
        "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>Everything that is not HTML (JSON, scripts, files) still must not be framed.</summary>
    public const string DefaultContentSecurityPolicy = "frame-ancestors 'none'";

    /// <summary>One year; only sent on requests that came over HTTPS.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>
    /// Adds the headers just before each response starts. Behind a TLS-terminating proxy, enable forwarded headers
    /// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>) so HTTPS requests are recognised and get HSTS.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = IsHtml(context.Response.ContentType) ? HtmlContentSecurityPolicy : DefaultContentSecurityPolicy;
        }

        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return Task.CompletedTask;
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
