using System.Security.Cryptography;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.OAuthClients;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.Infrastructure.Identity;

/// <summary>
/// Third-party clients as OpenIddict applications: PKCE always required, explicit consent, the endpoints their
/// grant types need, and <c>email</c>/<c>profile</c> besides their API scopes when a user signs in through them.
/// </summary>
public sealed class OAuthClientRegistry(IOpenIddictApplicationManager applications, IOptions<IdentityOptions> options) : IOAuthClientRegistry
{
    private static readonly Dictionary<string, string> GrantPermissions = new(StringComparer.Ordinal)
    {
        [OAuthGrantTypes.AuthorizationCode] = Permissions.GrantTypes.AuthorizationCode,
        [OAuthGrantTypes.RefreshToken] = Permissions.GrantTypes.RefreshToken,
        [OAuthGrantTypes.ClientCredentials] = Permissions.GrantTypes.ClientCredentials,
        [OAuthGrantTypes.DeviceCode] = Permissions.GrantTypes.DeviceCode,
    };

    public async Task<RegisteredOAuthClientDto> RegisterAsync(NewOAuthClient client, CancellationToken cancellationToken)
    {
        var confidential = client.Kind == OAuthClientKind.Confidential;
        var secret = confidential ? RandomToken(32) : null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = "client-" + RandomToken(12),
            ClientSecret = secret,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = client.DisplayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.Permissions.UnionWith(client.GrantTypes.Select(g => GrantPermissions[g]));
        descriptor.Permissions.UnionWith(client.Scopes.Select(s => Permissions.Prefixes.Scope + s));
        if (client.GrantTypes.Contains(OAuthGrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.ResponseTypes.Code]);
        }

        if (client.GrantTypes.Contains(OAuthGrantTypes.DeviceCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.DeviceAuthorization);
        }

        if (client.GrantTypes.Contains(OAuthGrantTypes.AuthorizationCode) || client.GrantTypes.Contains(OAuthGrantTypes.DeviceCode))
        {
            descriptor.Permissions.UnionWith([Permissions.Prefixes.Scope + Scopes.Email, Permissions.Prefixes.Scope + Scopes.Profile]);
        }

        if (confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        var application = await applications.CreateAsync(descriptor, cancellationToken);
        return new RegisteredOAuthClientDto(await ToDtoAsync(application, cancellationToken), secret);
    }

    public async Task<IReadOnlyList<OAuthClientDto>> ListAsync(CancellationToken cancellationToken)
    {
        var clients = new List<OAuthClientDto>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await applications.GetClientIdAsync(application, cancellationToken) != options.Value.FirstPartyClientId)
            {
                clients.Add(await ToDtoAsync(application, cancellationToken));
            }
        }

        return [.. clients.OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    public async Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || clientId == options.Value.FirstPartyClientId)
        {
            return false;
        }

        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return false;
        }

        await applications.DeleteAsync(application, cancellationToken);
        return true;
    }

    private async Task<OAuthClientDto> ToDtoAsync(object application, CancellationToken cancellationToken)
    {
        var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
        return new OAuthClientDto(
            await applications.GetClientIdAsync(application, cancellationToken) ?? string.Empty,
            await applications.GetDisplayNameAsync(application, cancellationToken) ?? string.Empty,
            await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken) ? OAuthClientKind.Confidential : OAuthClientKind.Public,
            [.. await applications.GetRedirectUrisAsync(application, cancellationToken)],
            [.. GrantPermissions.Where(g => permissions.Contains(g.Value)).Select(g => g.Key)],
            [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..])
                .Where(s => s is not Scopes.Email and not Scopes.Profile)]);
    }

    /// <summary>URL-safe random text from <paramref name="bytes"/> random bytes.</summary>
    private static string RandomToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
