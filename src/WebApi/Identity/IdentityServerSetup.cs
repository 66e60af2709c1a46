using CleanAssistant.Application.Common.Security;
using CleanAssistant.Infrastructure.Identity;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using IdentityOptions = CleanAssistant.Infrastructure.Identity.IdentityOptions;

namespace CleanAssistant.WebApi.Identity;

internal static class IdentityServerSetup
{
    /// <summary>
    /// The OAuth 2 / OpenID Connect server (authorization, token, device, userinfo, introspection, revocation,
    /// discovery; docs/oauth.md), its login cookie and antiforgery for the server-rendered pages, and the
    /// validation of its JWT access tokens for our own API.
    /// </summary>
    public static IServiceCollection AddIdentityServer(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();

        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetDeviceAuthorizationEndpointUris("connect/device")
                    .SetEndUserVerificationEndpointUris("connect/verify")
                    .SetIntrospectionEndpointUris("connect/introspect");
                server.AllowPasswordFlow()
                    .AllowRefreshTokenFlow()
                    .AllowAuthorizationCodeFlow()
                    .AllowClientCredentialsFlow()
                    .AllowDeviceAuthorizationFlow();
                // RFC 9700 §2.1.1: PKCE for every client, and only S256 (plain would leak the verifier with the challenge).
                server.RequireProofKeyForCodeExchange();
                server.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.AddEventHandler(DevicePollingThrottle.Descriptor);
                if (options.Issuer is not null)
                {
                    server.SetIssuer(options.Issuer);
                }

                server.RegisterScopes([Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, IdentitySeeder.ApiScope, .. ApiScopes.All]);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    // A refresh token works once: the next use is refused, so a stolen copy is worthless after rotation.
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.AddSigningKey(TokenKeys.Signing(options))
                    .AddEncryptionKey(TokenKeys.Encryption(options));
                // Access tokens are signed JWTs any resource server can validate with our published keys.
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(RevocationAudit.Descriptor);

                var aspNetCore = server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough();
                if (!options.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // Each access token is checked against its stored entry, so a revoked token, or one of a deleted
                // account, is refused at once rather than when it expires.
                validation.EnableTokenEntryValidation();
                // Tokens come in the Authorization header only: one in a URL ends up in logs, and looking for one in a
                // form body made every form-encoded request to any endpoint parse that body first (and fail with 500
                // on an oversized one).
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromBodyForm()
                    .DisableAccessTokenExtractionFromQueryString();
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddCookie(LoginEndpoint.Scheme, cookie =>
            {
                cookie.Cookie.Name = "cleanassistant.login";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(1);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/connect/login";
            });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "cleanassistant.antiforgery";
        });
        services.AddMemoryCache();
        services.AddScoped<PasswordSignIn>();
        return services;
    }
}
