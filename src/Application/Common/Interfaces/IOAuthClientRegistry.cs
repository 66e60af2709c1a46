using CleanAssistant.Application.OAuthClients;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>The OAuth server's registered client applications (third-party apps and services).</summary>
public interface IOAuthClientRegistry
{
    /// <summary>Registers a client under a new random client id; a confidential client also gets a random secret, returned only here.</summary>
    Task<RegisteredOAuthClientDto> RegisterAsync(NewOAuthClient client, CancellationToken cancellationToken);

    /// <summary>All registered clients except the first-party one, by display name.</summary>
    Task<IReadOnlyList<OAuthClientDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes a client with its authorizations and tokens; false when there is no such (third-party) client.</summary>
    Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken);
}
