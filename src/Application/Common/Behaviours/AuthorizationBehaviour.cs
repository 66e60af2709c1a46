using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Users;
using Mediator;

namespace CleanAssistant.Application.Common.Behaviours;

/// <summary>Refuses messages marked <see cref="IRequireUser"/> or <see cref="IRequireAdmin"/> from callers who may not send them.</summary>
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

        return next(message, cancellationToken);
    }
}
