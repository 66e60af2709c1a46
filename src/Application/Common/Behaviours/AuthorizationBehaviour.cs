using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Users;
using Mediator;

namespace CleanAssistant.Application.Common.Behaviours;

/// <summary>
/// Refuses messages marked <see cref="IRequireUser"/> or <see cref="IRequireAdmin"/> from callers who may not send them;
/// an administrator's message also needs the admin scope. Other scopes are checked where the host exposes a use case.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IRequireUser && currentUser.Id is null)
        {
            throw new UnauthenticatedException();
        }

        if (message is IRequireAdmin && !currentUser.IsInRole(UserRole.Admin))
        {
            throw new ForbiddenException("This operation is for administrators only.");
        }

        // An administrator's token must also have been granted the admin scope: an app they signed in to for their calendar is not an admin tool.
        if (message is IRequireAdmin && !currentUser.HasScope(ApiScopes.Admin))
        {
            throw new ForbiddenException($"This operation needs the '{ApiScopes.Admin}' scope, which this access token was not granted.");
        }

        return next(message, cancellationToken);
    }
}
