using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Tests.Identity;

public sealed class ServiceClientTests
{
    private const string Client = "report-service";
    private const string Secret = "a long service secret 1234567890";

    [Fact]
    public async Task ClientCredentials_IssueATokenForTheClientItself_WithOnlyItsAllowedScopes()
    {
        await using var api = await ApiFactory.CreateAsync();
        await RegisterAsync(api);
        using var browser = new OAuthBrowser(api);

        var (status, tokens) = await browser.PostTokenAsync(ClientCredentials());
        var (refused, refusedBody) = await browser.PostTokenAsync(ClientCredentials("calendar.write"));
        var (wrongSecret, _) = await browser.PostTokenAsync(ClientCredentials(secret: "wrong secret"));

        status.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        tokens.GetProperty("scope").GetString().ShouldBe("calendar.freebusy");
        tokens.TryGetProperty("refresh_token", out _).ShouldBeFalse();
        var payload = JsonDocument.Parse(Base64UrlDecode(tokens.GetProperty("access_token").GetString()!.Split('.')[1])).RootElement;
        payload.GetProperty("sub").GetString().ShouldBe(Client);
        refused.ShouldBe(HttpStatusCode.BadRequest);
        // OpenIddict answers invalid_request (not invalid_scope) for a scope the client is not permitted.
        refusedBody.GetProperty("error").GetString().ShouldBe("invalid_request");
        wrongSecret.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AServiceToken_IsNoUser_SoFieldsThatActForAUserStayClosed()
    {
        await using var api = await ApiFactory.CreateAsync();
        await RegisterAsync(api);
        using var browser = new OAuthBrowser(api);
        var (_, tokens) = await browser.PostTokenAsync(ClientCredentials());
        using var service = browser.WithToken(tokens.GetProperty("access_token").GetString()!);

        var freeBusy = await service.GraphQLAsync("{ freeBusy(start: \"2027-01-01T00:00:00Z\", end: \"2027-01-08T00:00:00Z\") { start } }");
        var me = await service.GraphQLAsync("{ me { email } }");

        freeBusy.ErrorCode().ShouldBe("UNAUTHENTICATED", "a calendar.freebusy service token has no user whose calendar it could read");
        freeBusy["data"].ShouldBeNull();
        me.ErrorCode().ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Introspection_SaysActiveUntilTheTokenIsRevoked()
    {
        await using var api = await ApiFactory.CreateAsync();
        await RegisterAsync(api);
        using var browser = new OAuthBrowser(api);
        var (_, tokens) = await browser.PostTokenAsync(ClientCredentials());
        var token = tokens.GetProperty("access_token").GetString()!;

        var before = await IntrospectAsync(browser, token);
        using var revoke = await browser.Http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = Client,
            ["client_secret"] = Secret,
            ["token"] = token,
        }));
        var after = await IntrospectAsync(browser, token);
        var garbage = await IntrospectAsync(browser, "not-a-token");

        before.GetProperty("active").GetBoolean().ShouldBeTrue(before.ToString());
        revoke.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.GetProperty("active").GetBoolean().ShouldBeFalse();
        garbage.GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    private static async Task<JsonElement> IntrospectAsync(OAuthBrowser browser, string token)
    {
        using var response = await browser.Http.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = Client,
            ["client_secret"] = Secret,
            ["token"] = token,
        }));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, string> ClientCredentials(string? scope = null, string secret = Secret)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Client,
            ["client_secret"] = secret,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return form;
    }

    private static async Task RegisterAsync(ApiFactory api)
    {
        await using var services = api.Services.CreateAsyncScope();
        await services.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = Client,
            ClientSecret = Secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Reports",
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Introspection,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + "calendar.freebusy",
            },
        });
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
