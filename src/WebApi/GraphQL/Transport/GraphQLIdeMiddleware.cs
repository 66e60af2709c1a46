using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Serves the Banana Cake Pop IDE to browsers that navigate to the GraphQL endpoint: the page for
/// a GET that accepts text/html and carries no query, the configuration the IDE fetches from
/// <c>{Path}/bcp-config.json</c>, and its bundled files under <see cref="GraphQLIdeOptions.AssetsPath"/>.
/// Every other request passes on to the GraphQL endpoint.
/// </summary>
internal sealed partial class GraphQLIdeMiddleware(RequestDelegate next, GraphQLIdeOptions options, string indexHtml)
{
    /// <summary>
    /// The IDE's own files only, no other host. Two allowances the bundle needs: 'unsafe-eval',
    /// because its JSON-schema validator (Ajv) compiles validators with new Function(), and
    /// inline styles, which its editor and components set; workers and images may come from
    /// blob:/data: URLs it creates itself.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ConfigFileName = "/bcp-config.json";

    private readonly ConcurrentDictionary<string, string> _pagesByPathBase = new(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return next(context);
        }

        if (request.Path.Equals(options.Path, StringComparison.OrdinalIgnoreCase)
            && !request.Query.ContainsKey("query")
            && GraphQLMediaTypes.AcceptsHtml(request.Headers.Accept))
        {
            return WritePageAsync(context);
        }

        if (request.Path.StartsWithSegments(options.Path, StringComparison.OrdinalIgnoreCase, out var rest)
            && rest.Equals(ConfigFileName, StringComparison.OrdinalIgnoreCase))
        {
            return WriteConfigAsync(context);
        }

        return next(context);
    }

    private Task WritePageAsync(HttpContext context)
    {
        var pathBase = context.Request.PathBase.Value ?? string.Empty;
        var page = _pagesByPathBase.GetOrAdd(pathBase, RewriteAssetUrls);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        SetSecurityHeaders(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.CacheControl = "no-cache";
        response.Headers.Vary = HeaderNames.Accept;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync(page, context.RequestAborted);
    }

    private Task WriteConfigAsync(HttpContext context)
    {
        var pathBase = context.Request.PathBase;
        var config = new Dictionary<string, object>
        {
            // With useBrowserUrlAsEndpoint the IDE resolves "endpoint" against the page's URL.
            ["useBrowserUrlAsEndpoint"] = true,
            ["endpoint"] = (pathBase + (options.Endpoint ?? options.Path)).Value ?? "/",
            ["title"] = options.Title,
            ["includeCookies"] = options.IncludeCookies,
            // No calls home: the IDE's telemetry goes to a third party, and our CSP blocks it anyway.
            ["disableTelemetry"] = true,
        };

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        SetSecurityHeaders(response);
        response.Headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.WriteAsync(JsonSerializer.Serialize(config), context.RequestAborted);
    }

    // The package's index.html refers to its files relatively ("static/js/..."), which from a
    // page at /graphql would resolve to the site root.
    private string RewriteAssetUrls(string pathBase)
    {
        var assets = pathBase + options.AssetsPath.Value + "/";
        return RelativeUrlAttribute().Replace(indexHtml, match =>
            $"{match.Groups["attr"].Value}=\"{assets}{match.Groups["url"].Value}\"");
    }

    private static void SetSecurityHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    [GeneratedRegex(@"(?<attr>\b(?:src|href))=""(?:\./)?(?<url>(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)[^""]*)""")]
    private static partial Regex RelativeUrlAttribute();
}
