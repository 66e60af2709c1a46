using System.Net;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;
using CleanAssistant.WebApi.Tests.Transport;

namespace CleanAssistant.WebApi.Tests.Identity;

/// <summary>The login and consent pages in a real browser (headless Chromium, JavaScript off) against Kestrel.</summary>
public sealed class ConsentPageBrowserTests
{
    [ChromiumFact]
    public async Task AUserSignsInAndAllows_InABrowserWithoutJavaScript_AndTheAppGetsACodeThatRedeems()
    {
        await using var api = await ApiFactory.CreateAsync();
        var baseAddress = api.StartOnSocket();
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, "calendar-sync", "calendar.read");
        var (verifier, challenge) = OAuthBrowser.NewPkce();
        var authorizeUrl = new Uri(baseAddress, OAuthBrowser.AuthorizeUrl("calendar-sync", "calendar.read", challenge)).AbsoluteUri;

        var run = await NodeTooling.RunScriptAsync(
            "oauth-consent.mjs", [authorizeUrl, OAuthBrowser.RedirectUri, "ann@example.com", ApiFactory.Password], TimeSpan.FromMinutes(3));

        run.ExitCode.ShouldBe(0, run.StandardError);
        var report = JsonDocument.Parse(run.StandardOutput).RootElement;
        report.GetProperty("ok").GetBoolean().ShouldBeTrue(run.StandardOutput);
        report.GetProperty("details").GetProperty("steps")[1].GetProperty("text").GetString()!.ShouldContain("See your calendars, events and reminders");
        var callback = OAuthBrowser.Query(new Uri(report.GetProperty("details").GetProperty("callback").GetString()!));
        callback["state"].ShouldBe("xyz");
        using var browser = new OAuthBrowser(api);
        var (status, tokens) = await browser.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "calendar-sync",
            ["code"] = callback["code"],
            ["redirect_uri"] = OAuthBrowser.RedirectUri,
            ["code_verifier"] = verifier,
        });
        status.ShouldBe(HttpStatusCode.OK, tokens.ToString());
    }
}
