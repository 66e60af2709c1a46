using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.Infrastructure.Identity;

/// <summary>Registers the first-party client: a public client (no secret) allowed the password and refresh-token grants.</summary>
public sealed class IdentitySeeder(IOpenIddictApplicationManager applications, IOptions<IdentityOptions> options)
{
    public const string ApiScope = "api";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var clientId = options.Value.FirstPartyClientId;
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not null)
        {
            return;
        }

        await applications.CreateAsync(
            new OpenIddictApplicationDescriptor
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
            },
            cancellationToken);
    }
}
