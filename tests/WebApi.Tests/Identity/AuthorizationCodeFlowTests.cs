using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Identity;

public sealed class AuthorizationCodeFlowTests
{
    private const string Client = "calendar-sync";
    private const string Scope = "openid email profile offline_access calendar.read";

    [Fact]
    public async Task CodeWithPkce_SignsInAsksConsentOnce_AndIssuesTokensWithTheGrantedScopes()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "openid", "email", "profile", "calendar.read");
        using var browser = new OAuthBrowser(api);
        var (verifier, challenge) = OAuthBrowser.NewPkce();

        using var consentPage = await browser.SignInThroughAsync(OAuthBrowser.AuthorizeUrl(Client, Scope, challenge), "ann@example.com");
        var html = await consentPage.Content.ReadAsStringAsync();
        html.ShouldContain("Calendar &lt;Sync&gt; &amp; Co", customMessage: "the client's name is HTML-encoded");
        html.ShouldContain("See your calendars, events and reminders");
        using var redirect = await browser.ConsentAsync(consentPage, "/connect/authorize", "allow");

        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirect.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(OAuthBrowser.RedirectUri);
        var callback = OAuthBrowser.Query(redirect.Headers.Location!);
        callback["state"].ShouldBe("xyz");
        callback["iss"].ShouldBe("http://localhost/", "RFC 9207: the app can tell which server answered (mix-up defence)");
        var (status, tokens) = await browser.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = Client,
            ["code"] = callback["code"],
            ["redirect_uri"] = OAuthBrowser.RedirectUri,
            ["code_verifier"] = verifier,
        });
        status.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        tokens.GetProperty("scope").GetString()!.Split(' ').ShouldBe(Scope.Split(' '), ignoreOrder: true);
        tokens.TryGetProperty("refresh_token", out _).ShouldBeTrue();
        tokens.TryGetProperty("id_token", out _).ShouldBeTrue();

        using var asApp = browser.WithToken(tokens.GetProperty("access_token").GetString()!);
        (await asApp.GraphQLAsync("{ me { email } }"))["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe("ann@example.com");
        var userInfo = await asApp.GetFromJsonAsync<JsonElement>("/connect/userinfo");
        userInfo.GetProperty("email").GetString().ShouldBe("ann@example.com");
        userInfo.GetProperty("name").GetString().ShouldBe("ann");
        Guid.TryParse(userInfo.GetProperty("sub").GetString(), out _).ShouldBeTrue();

        // The second time the consent is remembered: straight back to the app with a code.
        using var again = await browser.Http.GetAsync(OAuthBrowser.AuthorizeUrl(Client, Scope, OAuthBrowser.NewPkce().Challenge, state: "second"));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        OAuthBrowser.Query(again.Headers.Location!).ShouldContainKey("code");
    }

    [Fact]
    public async Task UserInfo_WithoutTheEmailAndProfileScopes_SaysOnlyWhoTheUserIs()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "calendar.read");
        using var browser = new OAuthBrowser(api);
        var (verifier, challenge) = OAuthBrowser.NewPkce();
        var code = OAuthBrowser.Query(await browser.AuthorizeAsync(Client, "calendar.read", "ann@example.com", challenge))["code"];
        var (_, tokens) = await browser.PostTokenAsync(CodeRedemption(code, verifier));

        using var asApp = browser.WithToken(tokens.GetProperty("access_token").GetString()!);
        var userInfo = await asApp.GetFromJsonAsync<JsonElement>("/connect/userinfo");
        userInfo.TryGetProperty("email", out _).ShouldBeFalse();
        userInfo.TryGetProperty("name", out _).ShouldBeFalse();
        userInfo.TryGetProperty("sub", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ACodeRedeemedWithTheWrongVerifier_IsRefused()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "calendar.read");
        using var browser = new OAuthBrowser(api);
        var code = OAuthBrowser.Query(await browser.AuthorizeAsync(Client, "calendar.read", "ann@example.com", OAuthBrowser.NewPkce().Challenge))["code"];

        var (status, body) = await browser.PostTokenAsync(CodeRedemption(code, OAuthBrowser.NewPkce().Verifier));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData(null)]
    public async Task AnAuthorizationRequestWithPlainOrNoPkce_IsRefused(string? method)
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "calendar.read");
        using var browser = new OAuthBrowser(api);
        var verifier = OAuthBrowser.NewPkce().Verifier;
        var url = method is null
            ? OAuthBrowser.AuthorizeUrl(Client, "calendar.read", challenge: "").Replace("&code_challenge=&code_challenge_method=S256", "", StringComparison.Ordinal)
            : OAuthBrowser.AuthorizeUrl(Client, "calendar.read", challenge: verifier, method: method);

        using var response = await browser.SignInThroughAsync(url, "ann@example.com");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldContain("code_challenge");
    }

    [Fact]
    public async Task ARedirectUriDifferingByOneCharacter_IsRefusedWithoutRedirecting()
    {
        await using var api = await ApiFactory.CreateAsync();
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "calendar.read");
        using var browser = new OAuthBrowser(api);

        using var response = await browser.Http.GetAsync(
            OAuthBrowser.AuthorizeUrl(Client, "calendar.read", OAuthBrowser.NewPkce().Challenge, redirectUri: OAuthBrowser.RedirectUri + "s"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Deny_SendsAccessDeniedBackToTheApp()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "calendar.read");
        using var browser = new OAuthBrowser(api);

        using var consentPage = await browser.SignInThroughAsync(OAuthBrowser.AuthorizeUrl(Client, "calendar.read", OAuthBrowser.NewPkce().Challenge), "ann@example.com");
        using var redirect = await browser.ConsentAsync(consentPage, "/connect/authorize", "deny");

        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = OAuthBrowser.Query(redirect.Headers.Location!);
        callback["error"].ShouldBe("access_denied");
        callback["state"].ShouldBe("xyz");
        callback.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task ConsentAndLoginPosts_WithoutTheAntiforgeryToken_AreRefused()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        await OAuthBrowser.RegisterPublicClientAsync(api, Client, "calendar.read");
        using var browser = new OAuthBrowser(api);
        using var consentPage = await browser.SignInThroughAsync(OAuthBrowser.AuthorizeUrl(Client, "calendar.read", OAuthBrowser.NewPkce().Challenge), "ann@example.com");
        var form = OAuthBrowser.HiddenFields(await consentPage.Content.ReadAsStringAsync());
        form.Remove("__RequestVerificationToken").ShouldBeTrue();
        form["consent"] = "allow";

        using var consent = await browser.Http.PostAsync("/connect/authorize", new FormUrlEncodedContent(form));
        using var login = await browser.Http.PostAsync("/connect/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "ann@example.com",
            ["password"] = ApiFactory.Password,
            ["returnUrl"] = "/",
        }));

        consent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        consent.Headers.Location.ShouldBeNull();
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheLoginPage_WithAWrongPassword_ShowsTheFormAgain_AndNeverRedirectsOffSite()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        using var browser = new OAuthBrowser(api);
        var form = OAuthBrowser.HiddenFields(await browser.GetPageAsync("/connect/login?returnUrl=%2F%2Fevil.example.com"));
        form["returnUrl"].ShouldBe("/");

        form["email"] = "ann@example.com";
        form["password"] = "wrong password";
        using var response = await browser.Http.PostAsync("/connect/login", new FormUrlEncodedContent(form));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The e-mail address or password is wrong.");
    }

    [Fact]
    public async Task TheLoginPage_AfterRepeatedWrongPasswords_IsThrottledLikeTheTokenEndpoint()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["RateLimits:Login:FreeFailures"] = "2" });
        await api.SignUpAsync("ann@example.com");
        using var browser = new OAuthBrowser(api);

        async Task<HttpResponseMessage> SignInAsync(string password)
        {
            var form = OAuthBrowser.HiddenFields(await browser.GetPageAsync("/connect/login"));
            form["email"] = "ann@example.com";
            form["password"] = password;
            return await browser.Http.PostAsync("/connect/login", new FormUrlEncodedContent(form));
        }

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await SignInAsync("wrong password");
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("The e-mail address or password is wrong.");
        }

        using var held = await SignInAsync(ApiFactory.Password);

        (await held.Content.ReadAsStringAsync()).ShouldContain("Too many failed sign-ins", customMessage: "not even the right password is checked while held back");
        held.Headers.RetryAfter.ShouldNotBeNull();
        held.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Discovery_ListsTheNewEndpointsAndOnlyS256()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        discovery.GetProperty("authorization_endpoint").GetString()!.ShouldEndWith("/connect/authorize");
        discovery.GetProperty("userinfo_endpoint").GetString()!.ShouldEndWith("/connect/userinfo");
        discovery.GetProperty("device_authorization_endpoint").GetString()!.ShouldEndWith("/connect/device");
        discovery.GetProperty("introspection_endpoint").GetString()!.ShouldEndWith("/connect/introspect");
        discovery.GetProperty("revocation_endpoint").GetString()!.ShouldEndWith("/connect/revoke");
        discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()).ShouldBe(["S256"]);
        discovery.GetProperty("scopes_supported").EnumerateArray().Select(m => m.GetString()).ShouldContain("calendar.read");
    }

    private static Dictionary<string, string> CodeRedemption(string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = Client,
        ["code"] = code,
        ["redirect_uri"] = OAuthBrowser.RedirectUri,
        ["code_verifier"] = verifier,
    };
}
