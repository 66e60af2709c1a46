using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CleanAssistant.WebApi.Tests.Identity;

public sealed class DeviceFlowTests
{
    private const string Client = "kitchen-speaker";
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

    [Fact]
    public async Task TheDevice_IsPendingUntilTheUserApprovesOnTheVerificationPage_ThenGetsTokens()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await ApiFactory.CreateAsync(time: clock);
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "assistant");
        using var browser = new OAuthBrowser(api);
        var device = await StartAsync(browser);

        var (pending, pendingBody) = await PollAsync(browser, device);
        var (tooFast, tooFastBody) = await PollAsync(browser, device);
        clock.Advance(TimeSpan.FromSeconds(6));
        using var consentPage = await browser.SignInThroughAsync(device.GetProperty("verification_uri_complete").GetString()!, "ann@example.com");
        (await consentPage.Content.ReadAsStringAsync()).ShouldContain("Talk to your assistant for you, by text and voice");
        using var approved = await browser.ConsentAsync(consentPage, "/connect/verify", "allow");
        var (granted, tokens) = await PollAsync(browser, device);

        pending.ShouldBe(HttpStatusCode.BadRequest);
        pendingBody.GetProperty("error").GetString().ShouldBe("authorization_pending");
        tooFast.ShouldBe(HttpStatusCode.BadRequest);
        tooFastBody.GetProperty("error").GetString().ShouldBe("slow_down");
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        approved.Headers.Location!.OriginalString.ShouldContain("/connect/verify/done");
        granted.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        tokens.GetProperty("scope").GetString().ShouldBe("assistant");
        using var asDevice = browser.WithToken(tokens.GetProperty("access_token").GetString()!);
        (await asDevice.GraphQLAsync("{ me { email } }"))["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe("ann@example.com");
    }

    [Fact]
    public async Task TheUserDenies_TheDeviceGetsAccessDenied()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await ApiFactory.CreateAsync(time: clock);
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "assistant");
        using var browser = new OAuthBrowser(api);
        var device = await StartAsync(browser);

        // The user types the code on the page instead of following the complete link.
        var userCode = device.GetProperty("user_code").GetString()!;
        (await browser.GetPageAsync("/connect/verify")).ShouldContain("name=\"user_code\"");
        using var consentPage = await browser.SignInThroughAsync("/connect/verify?user_code=" + Uri.EscapeDataString(userCode), "ann@example.com");
        using var denied = await browser.ConsentAsync(consentPage, "/connect/verify", "deny");
        var (status, body) = await PollAsync(browser, device);

        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().ShouldBe("access_denied");
    }

    [Fact]
    public async Task AnExpiredDeviceCode_IsExpiredToken_AndItsUserCodeIsNoLongerAccepted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await ApiFactory.CreateAsync(time: clock);
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "assistant");
        using var browser = new OAuthBrowser(api);
        var device = await StartAsync(browser);

        clock.Advance(TimeSpan.FromSeconds(device.GetProperty("expires_in").GetInt32() + 1));
        var (status, body) = await PollAsync(browser, device);
        using var page = await browser.SignInThroughAsync(device.GetProperty("verification_uri_complete").GetString()!, "ann@example.com");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().ShouldBe("expired_token");
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain("That code is wrong or has expired.");
    }

    private static async Task<JsonElement> StartAsync(OAuthBrowser browser)
    {
        using var response = await browser.Http.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = Client,
            ["scope"] = "assistant",
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("verification_uri").GetString()!.ShouldEndWith("/connect/verify");
        return body;
    }

    private static Task<(HttpStatusCode, JsonElement)> PollAsync(OAuthBrowser browser, JsonElement device) =>
        browser.PostTokenAsync(new()
        {
            ["grant_type"] = DeviceGrant,
            ["client_id"] = Client,
            ["device_code"] = device.GetProperty("device_code").GetString()!,
        });
}
