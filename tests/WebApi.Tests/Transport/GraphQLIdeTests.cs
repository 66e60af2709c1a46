using System.Text.Json;
using System.Text.RegularExpressions;
using CleanAssistant.WebApi.Tests.Support;
using Xunit.Abstractions;

namespace CleanAssistant.WebApi.Tests.Transport;

public sealed partial class GraphQLIdeTests(TransportTestHost host, ITestOutputHelper output) : IClassFixture<TransportTestHost>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Get_FromBrowser_ServesIdePageUnderCsp()
    {
        ShouldHaveIdeFiles();
        using var response = await GetAsync("/graphql", BrowserAccept);
        var html = await response.Content.ReadAsStringAsync();

        response.IsSuccessStatusCode.ShouldBeTrue(html);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("connect-src 'self'");
        csp.ShouldNotContain("http");
        html.ShouldContain("<div id=\"root\">");
        ScriptSources(html).ShouldNotBeEmpty();
        ScriptSources(html).ShouldAllBe(src => src.StartsWith("/graphql/ide/static/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdeAssets_AreServedWithLongCaching()
    {
        ShouldHaveIdeFiles();
        using var page = await GetAsync("/graphql", BrowserAccept);
        var script = ScriptSources(await page.Content.ReadAsStringAsync()).Last();

        using var response = await GetAsync(script, "*/*");

        response.IsSuccessStatusCode.ShouldBeTrue(script);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/javascript");
        response.Headers.CacheControl?.ToString().ShouldContain("immutable");
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public async Task IdeConfig_PointsTheIdeAtTheEndpoint()
    {
        ShouldHaveIdeFiles();
        using var response = await GetAsync("/graphql/bcp-config.json", "*/*");
        var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.IsSuccessStatusCode.ShouldBeTrue();
        config.GetProperty("endpoint").GetString().ShouldBe("/graphql");
        config.GetProperty("useBrowserUrlAsEndpoint").GetBoolean().ShouldBeTrue();
        config.GetProperty("disableTelemetry").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Get_FromBrowserWithQuery_ExecutesTheQuery()
    {
        using var response = await GetAsync("/graphql?query=%7B%20hello%20%7D", BrowserAccept);
        var body = await response.Content.ReadAsStringAsync();

        response.IsSuccessStatusCode.ShouldBeTrue(body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, World!");
    }

    [Fact]
    public async Task Get_FromApiClientWithoutQuery_IsNotTheIde()
    {
        using var response = await GetAsync("/graphql", "application/json");

        ((int)response.StatusCode).ShouldBe(400);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
    }

    [ChromiumFact]
    public async Task Ide_InHeadlessChromium_LoadsSchemaAndRunsAnOperation()
    {
        ShouldHaveIdeFiles();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "graphql-ide.png");

        var result = await GraphQLIdeProbe.RunAsync(host.BaseAddress, screenshot);

        output.WriteLine(result.Details);
        output.WriteLine($"Screenshot: {screenshot}");
        if (!string.IsNullOrWhiteSpace(result.StandardError))
        {
            output.WriteLine(result.StandardError);
        }

        result.Ok.ShouldBeTrue(result.Details);
    }

    private static void ShouldHaveIdeFiles() =>
        File.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot", "ide", "index.html")).ShouldBeTrue(
            "The IDE's files are not in the test output: WebApi.csproj must import ClientApp/Ide.targets, and npm must be available.");

    private async Task<HttpResponseMessage> GetAsync(string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return await _client.SendAsync(request);
    }

    private static List<string> ScriptSources(string html) =>
        ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"<script[^>]*\ssrc=""([^""]+)""")]
    private static partial Regex ScriptSource();
}

/// <summary>A fact that needs Chromium at <see cref="GraphQLIdeProbe.ChromiumPath"/>; skipped, saying so, without it.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!GraphQLIdeProbe.ChromiumInstalled)
        {
            Skip = $"Chromium is not installed at {GraphQLIdeProbe.ChromiumPath} (apt-get install chromium); the IDE browser test needs it.";
        }
    }
}
