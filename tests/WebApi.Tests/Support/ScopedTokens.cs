using CleanAssistant.Application.Common.Security;
using CleanAssistant.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Tests.Support;

/// <summary>
/// Access tokens with the scopes a test chooses, from the real token endpoint: a test client allowed every API scope
/// (and the first-party <c>api</c>) signs the user in with the password grant, asking for just those scopes.
/// </summary>
public static class ScopedTokens
{
    public const string ClientId = "scopes-test-client";

    /// <summary>An access token of <paramref name="email"/> (signed up with <see cref="ApiFactory.Password"/>) granted <paramref name="scopes"/>.</summary>
    public static async Task<string> TokenWithScopesAsync(this ApiFactory api, string email, params string[] scopes)
    {
        await RegisterClientAsync(api);
        using var client = api.CreateClient();
        var tokens = await client.RequestTokensAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = ClientId,
            ["username"] = email,
            ["password"] = ApiFactory.Password,
            ["scope"] = string.Join(' ', scopes),
        });
        return tokens.GetProperty("access_token").GetString()!;
    }

    private static async Task RegisterClientAsync(ApiFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(ClientId) is not null)
        {
            return;
        }

        // The server knows a scope from its options or from the scope store; the API scopes go in the store here.
        var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        foreach (var name in ApiScopes.All)
        {
            if (await scopes.FindByNameAsync(name) is null)
            {
                await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = name });
            }
        }

        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "Scope tests",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.Password, Permissions.Prefixes.Scope + IdentitySeeder.ApiScope },
        };
        foreach (var name in ApiScopes.All)
        {
            client.Permissions.Add(Permissions.Prefixes.Scope + name);
        }

        await applications.CreateAsync(client);
    }
}
