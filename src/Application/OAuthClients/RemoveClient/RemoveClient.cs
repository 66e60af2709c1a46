using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using Mediator;

namespace CleanAssistant.Application.OAuthClients.RemoveClient;

/// <summary>
/// Removes a third-party OAuth client with its consents and tokens: its refresh tokens stop working at once, its
/// access tokens at their expiry. Returns the client id. Administrators only.
/// </summary>
public sealed record RemoveClientCommand(string ClientId) : ICommand<string>, IRequireAdmin;

public sealed class RemoveClientCommandHandler(IOAuthClientRegistry registry) : ICommandHandler<RemoveClientCommand, string>
{
    public async ValueTask<string> Handle(RemoveClientCommand command, CancellationToken cancellationToken) =>
        await registry.RemoveAsync(command.ClientId, cancellationToken)
            ? command.ClientId
            : throw new NotFoundException("OAuth client", command.ClientId);
}
