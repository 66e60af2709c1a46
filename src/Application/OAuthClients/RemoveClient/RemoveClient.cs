using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Auditing;
using Mediator;

namespace CleanAssistant.Application.OAuthClients.RemoveClient;

/// <summary>
/// Removes a third-party OAuth client with its consents and tokens: they all stop working at once (access tokens are
/// checked against their stored entry on every request). Returns the client id. Administrators only.
/// </summary>
public sealed record RemoveClientCommand(string ClientId) : ICommand<string>, IRequireAdmin;

public sealed class RemoveClientCommandHandler(IOAuthClientRegistry registry, IAuditLog auditLog, ICurrentUser currentUser)
    : ICommandHandler<RemoveClientCommand, string>
{
    public async ValueTask<string> Handle(RemoveClientCommand command, CancellationToken cancellationToken)
    {
        if (!await registry.RemoveAsync(command.ClientId, cancellationToken))
        {
            throw new NotFoundException("OAuth client", command.ClientId);
        }

        await auditLog.RecordAsync(AuditEventKind.ClientRemoved, currentUser.Id, command.ClientId, cancellationToken: cancellationToken);
        return command.ClientId;
    }
}
