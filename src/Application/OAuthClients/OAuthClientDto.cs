namespace CleanAssistant.Application.OAuthClients;

/// <summary>Confidential clients (servers) keep a secret; public clients (mobile, desktop, single-page, devices) cannot.</summary>
public enum OAuthClientKind
{
    Confidential,
    Public,
}

/// <summary>The grant types a client may be allowed, as OAuth names them.</summary>
public static class OAuthGrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
    public const string DeviceCode = "device_code";

    public static IReadOnlyList<string> All { get; } = [AuthorizationCode, RefreshToken, ClientCredentials, DeviceCode];
}

public sealed record NewOAuthClient(
    string DisplayName, OAuthClientKind Kind, IReadOnlyList<Uri> RedirectUris, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> Scopes);

public sealed record OAuthClientDto(
    string ClientId, string DisplayName, OAuthClientKind Kind, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> Scopes);

/// <summary>A new client and, for a confidential one, its secret: shown once, stored only as a hash.</summary>
public sealed record RegisteredOAuthClientDto(OAuthClientDto Client, string? ClientSecret);
