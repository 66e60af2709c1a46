using CleanAssistant.Application.Common.Security;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.Infrastructure.Identity;

/// <summary>
/// Registers the first-party client: a public client (no secret) allowed the password and refresh-token grants
/// and every scope. An existing registration is brought up to date (new scopes), so upgrades need no manual step.
/// </summary>
public sealed class IdentitySeeder(IOpenIddictApplicationManager applications, IOptions<IdentityOptions> options)
{
    public const string ApiScope = "api";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var clientId = options.Value.FirstPartyClientId;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            DisplayName = "CleanAssistant (first-party apps)",
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.Password,
                Permissions.GrantTypes.RefreshToken,
                Permissions.Prefixes.Scope + Scopes.Email,
                Permissions.Prefixes.Scope + Scopes.Profile,
                Permissions.Prefixes.Scope + Scopes.Roles,
                Permissions.Prefixes.Scope + ApiScope,
            },
        };
        foreach (var scope in ApiScopes.All)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            return;
        }

        var permissions = await applications.GetPermissionsAsync(existing, cancellationToken);
        if (!descriptor.Permissions.SetEquals(permissions))
        {
            await applications.PopulateAsync(existing, descriptor, cancellationToken);
            await applications.UpdateAsync(existing, cancellationToken);
        }
    }
}
