using CleanAssistant.Infrastructure.Identity;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using IdentityOptions = CleanAssistant.Infrastructure.Identity.IdentityOptions;

namespace CleanAssistant.WebApi.Identity;

internal static class IdentityServerSetup
{
    /// <summary>
    /// The OAuth 2 / OpenID Connect server (token endpoint, discovery) and the validation of its JWT
    /// access tokens for our own API.
    /// </summary>
    public static IServiceCollection AddIdentityServer(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();

        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowPasswordFlow().AllowRefreshTokenFlow();
                if (options.Issuer is not null)
                {
                    server.SetIssuer(options.Issuer);
                }

                server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, IdentitySeeder.ApiScope);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    // A refresh token works once: the next use is refused, so a stolen copy is worthless after rotation.
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.AddSigningKey(TokenKeys.Signing(options))
                    .AddEncryptionKey(TokenKeys.Encryption(options));
                // Access tokens are signed JWTs any resource server can validate with our published keys.
                server.DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!options.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // Tokens come in the Authorization header only: one in a URL ends up in logs, and looking for one in a
                // form body made every form-encoded request to any endpoint parse that body first (and fail with 500
                // on an oversized one).
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromBodyForm()
                    .DisableAccessTokenExtractionFromQueryString();
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorization();
        return services;
    }
}
