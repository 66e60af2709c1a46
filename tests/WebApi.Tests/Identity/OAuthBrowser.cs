using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanAssistant.WebApi.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Tests.Identity;

/// <summary>
/// A user agent without JavaScript: a plain HttpClient that keeps cookies and does not follow redirects, so a test
/// sees each step of the login, consent and verification pages as a browser would submit them.
/// </summary>
public sealed partial class OAuthBrowser(ApiFactory api) : IDisposable
{
    public const string RedirectUri = "https://app.example.com/callback";

    public HttpClient Http { get; } = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = api.ClientOptions.BaseAddress });

    public void Dispose() => Http.Dispose();

    /// <summary>Registers a public third-party client for the code flow (the way the admin use case does, minus its checks).</summary>
    /// <param name="api">The server.</param>
    /// <param name="clientId">Its client id.</param>
    /// <param name="scopes">The API or OpenID scopes it may ask for.</param>
    public static async Task RegisterPublicClientAsync(ApiFactory api, string clientId, params string[] scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = "Calendar <Sync> & Co",
            RedirectUris = { new Uri(RedirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.Endpoints.DeviceAuthorization,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.GrantTypes.DeviceCode,
                Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await using var services = api.Services.CreateAsyncScope();
        await services.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
    }

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(string clientId, string scope, string challenge, string state = "xyz", string redirectUri = RedirectUri, string method = "S256") =>
        "/connect/authorize" + QueryString(new()
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        });

    /// <summary>GET the authorize URL, sign in on the login page, and return the consent page (or the final redirect if consent was remembered).</summary>
    /// <param name="authorizeUrl">The authorization request.</param>
    /// <param name="email">Who signs in.</param>
    public async Task<HttpResponseMessage> SignInThroughAsync(string authorizeUrl, string email)
    {
        var response = await Http.GetAsync(authorizeUrl);
        if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.Location!.OriginalString.Contains("/connect/login", StringComparison.Ordinal))
        {
            return response;
        }

        var loginPage = await GetPageAsync(response.Headers.Location!.OriginalString);
        var form = HiddenFields(loginPage);
        form["email"] = email;
        form["password"] = ApiFactory.Password;
        using var login = await Http.PostAsync("/connect/login", new FormUrlEncodedContent(form));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect, await login.Content.ReadAsStringAsync());
        response.Dispose();
        return await Http.GetAsync(login.Headers.Location!.OriginalString);
    }

    /// <summary>Presses a button of the consent page the response shows.</summary>
    /// <param name="consentPage">The 200 response with the consent form.</param>
    /// <param name="action">Where the form posts.</param>
    /// <param name="consent">"allow" or "deny".</param>
    public async Task<HttpResponseMessage> ConsentAsync(HttpResponseMessage consentPage, string action, string consent)
    {
        var html = await consentPage.Content.ReadAsStringAsync();
        consentPage.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var form = HiddenFields(html);
        form["consent"] = consent;
        return await Http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Runs the whole code flow up to the redirect back to the client, allowing everything asked.</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="scope">Space-separated scopes.</param>
    /// <param name="email">Who signs in.</param>
    /// <param name="challenge">The PKCE challenge.</param>
    public async Task<Uri> AuthorizeAsync(string clientId, string scope, string email, string challenge)
    {
        using var consentPage = await SignInThroughAsync(AuthorizeUrl(clientId, scope, challenge), email);
        using var redirect = await ConsentAsync(consentPage, "/connect/authorize", "allow");
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect, await redirect.Content.ReadAsStringAsync());
        return redirect.Headers.Location!;
    }

    public async Task<string> GetPageAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostTokenAsync(Dictionary<string, string> form)
    {
        using var response = await Http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static Dictionary<string, string> Query(Uri redirect) =>
        QueryHelpers.ParseQuery(redirect.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public HttpClient WithToken(string accessToken)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>The hidden inputs of the page's form (the antiforgery token among them), HTML-decoded.</summary>
    /// <param name="html">The page.</param>
    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    private static string QueryString(Dictionary<string, string?> values) => QueryHelpers.AddQueryString(string.Empty, values);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
