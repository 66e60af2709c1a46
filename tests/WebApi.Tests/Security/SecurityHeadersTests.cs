using CleanAssistant.WebApi.Security;
using CleanAssistant.WebApi.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CleanAssistant.WebApi.Tests.Security;

/// <summary>The headers every response gets, the HTML policy, HSTS over HTTPS only, and CORS by configuration.</summary>
public sealed class SecurityHeadersTests
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,*/*;q=0.8";

    [Fact]
    public async Task EveryApiResponse_ForbidsSniffingReferrersAndFraming_WithoutHstsOverHttp()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();

        using var graphQL = await client.GetAsync("/graphql?query=%7B__typename%7D");
        using var notFound = await client.GetAsync("/no-such-page");

        foreach (var response in new[] { graphQL, notFound })
        {
            Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
            Header(response, "Referrer-Policy").ShouldBe("no-referrer");
            Header(response, "X-Frame-Options").ShouldBe("DENY");
            Header(response, "Content-Security-Policy").ShouldBe("frame-ancestors 'none'");
            Header(response, "Strict-Transport-Security").ShouldBeNull();
        }
    }

    [Fact]
    public async Task TheIdePage_KeepsItsOwnPolicy_AndGetsTheOtherHeaders()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);

        using var response = await client.SendAsync(request);

        if (response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return; // Built without the IDE (GraphQLIdeSkip): nothing to check here; GraphQLIdeTests says so.
        }

        Header(response, "Content-Security-Policy").ShouldBe(CleanAssistant.WebApi.GraphQL.Transport.GraphQLIdeMiddleware.ContentSecurityPolicy);
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Fact]
    public async Task AnyHtmlPage_GetsTheStrictHtmlPolicy_AndHttpsRequestsGetHsts()
    {
        await using var app = await PagesAppAsync();
        using var client = app.GetTestClient();
        client.BaseAddress = new Uri("https://localhost/");

        using var page = await client.GetAsync("/connect/authorize");
        using var json = await client.GetAsync("/data");

        Header(page, "Content-Security-Policy").ShouldBe("default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
        Header(page, "Strict-Transport-Security").ShouldBe("max-age=31536000");
        Header(json, "Content-Security-Policy").ShouldBe("frame-ancestors 'none'");
        Header(json, "Strict-Transport-Security").ShouldBe("max-age=31536000");
        Header(json, "X-Frame-Options").ShouldBe("DENY");
    }

    [Fact]
    public async Task Cors_AllowsOnlyTheConfiguredOrigins_WithoutCredentials()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["Cors:AllowedOrigins:0"] = "https://app.example" });
        await using var closed = await ApiFactory.CreateAsync();

        using var allowed = await PreflightAsync(api, "https://app.example");
        using var other = await PreflightAsync(api, "https://evil.example");
        using var byDefault = await PreflightAsync(closed, "https://app.example");

        Header(allowed, "Access-Control-Allow-Origin").ShouldBe("https://app.example");
        Header(allowed, "Access-Control-Allow-Credentials").ShouldBeNull();
        Header(allowed, "Access-Control-Allow-Methods")!.ShouldContain("POST");
        Header(other, "Access-Control-Allow-Origin").ShouldBeNull();
        Header(byDefault, "Access-Control-Allow-Origin").ShouldBeNull();
    }

    private static async Task<HttpResponseMessage> PreflightAsync(ApiFactory api, string origin)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await client.SendAsync(request);
    }

    /// <summary>An app with a server-rendered page, as the login and consent pages will be, behind the same middleware.</summary>
    private static async Task<WebApplication> PagesAppAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.UseSecurityHeaders();
        app.MapGet("/connect/authorize", () => Results.Content("<!doctype html><form method=post></form>", "text/html; charset=utf-8"));
        app.MapGet("/data", () => Results.Json(new { ok = true }));
        await app.StartAsync();
        return app;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
