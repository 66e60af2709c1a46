using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.WebApi.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace CleanAssistant.WebApi.Tests.Api;

public sealed class TokenTests
{
    [Fact]
    public async Task Discovery_PublishesTheTokenEndpointAndSigningKeys()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        discovery.GetProperty("token_endpoint").GetString()!.ShouldEndWith("/connect/token");
        discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ShouldContain("refresh_token");
        var keys = await client.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());
        keys.GetProperty("keys").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task PasswordGrant_IssuesASignedJwtWithTheUsersRoleAndSubject()
    {
        await using var api = await ApiFactory.CreateAsync();
        var ann = await api.SignUpAsync("ann@example.com");

        var parts = ann.AccessToken.Split('.');
        parts.Length.ShouldBe(3, "a signed, unencrypted JWT");
        var header = JsonDocument.Parse(Base64UrlDecode(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement;
        header.GetProperty("alg").GetString().ShouldBe("RS256");
        payload.GetProperty("role").ToString().ShouldContain("user");
        payload.GetProperty("email").GetString().ShouldBe("ann@example.com");
        Guid.TryParse(payload.GetProperty("sub").GetString(), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task PasswordGrant_WithAWrongPasswordOrUnknownUser_IsInvalidGrant()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient();

        foreach (var (user, password) in new[] { ("ann@example.com", "wrong password"), ("nobody@example.com", ApiFactory.Password) })
        {
            using var response = await client.PostAsync("/connect/token", Form("password", ("username", user), ("password", password)));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("invalid_grant");
        }
    }

    [Fact]
    public async Task RefreshToken_RotatesAndAUsedOneIsRefused()
    {
        await using var api = await ApiFactory.CreateAsync();
        var ann = await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient();

        var refreshed = await client.RequestTokensAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ApiFactory.ClientId,
            ["refresh_token"] = ann.RefreshToken,
        });
        var newRefresh = refreshed.GetProperty("refresh_token").GetString();
        newRefresh.ShouldNotBe(ann.RefreshToken);
        using var withNewToken = api.CreateClient(ann with { AccessToken = refreshed.GetProperty("access_token").GetString()! });
        (await withNewToken.GraphQLAsync("{ me { email } }"))["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe("ann@example.com");

        using var reuse = await client.PostAsync("/connect/token", Form("refresh_token", ("refresh_token", ann.RefreshToken)));
        reuse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reuse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task PasswordGrant_IsOnlyForTheFirstPartyClient()
    {
        await using var api = await ApiFactory.CreateAsync();
        await api.SignUpAsync("ann@example.com");
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = "third-party",
                ClientType = OpenIddictConstants.ClientTypes.Public,
                Permissions = { OpenIddictConstants.Permissions.Endpoints.Token, OpenIddictConstants.Permissions.GrantTypes.RefreshToken },
            });
        }

        using var client = api.CreateClient();
        using var response = await client.PostAsync(
            "/connect/token",
            Form("password", ("username", "ann@example.com"), ("password", ApiFactory.Password)) with { ClientId = "third-party" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("unauthorized_client");
    }

    [Fact]
    public async Task AnAdministratorsToken_CarriesTheAdminRole_AndOpensAdminFields()
    {
        await using var api = await ApiFactory.CreateAsync();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterUserCommand("root@example.com", ApiFactory.Password, "Root", null, AsAdmin: true));
        }

        await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient();
        var tokens = await client.RequestTokensAsync(Form("password", ("username", "root@example.com"), ("password", ApiFactory.Password), ("scope", "api")).Fields);
        using var admin = api.CreateClient(new ApiUser("root@example.com", tokens.GetProperty("access_token").GetString()!, string.Empty));

        var users = await admin.GraphQLAsync("{ users(first: 10) { nodes { email role } } }");
        users.ErrorCode().ShouldBeNull();
        users["data"]!["users"]!["nodes"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()).ShouldBe(["root@example.com", "ann@example.com"]);
    }

    private static TokenForm Form(string grantType, params (string Key, string Value)[] fields) => new(grantType, ApiFactory.ClientId, fields);

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private sealed record TokenForm(string GrantType, string ClientId, (string Key, string Value)[] Extra)
    {
        public Dictionary<string, string> Fields =>
            new(Extra.Select(f => KeyValuePair.Create(f.Key, f.Value))) { ["grant_type"] = GrantType, ["client_id"] = ClientId };

        public static implicit operator HttpContent(TokenForm form) => new FormUrlEncodedContent(form.Fields);
    }
}
