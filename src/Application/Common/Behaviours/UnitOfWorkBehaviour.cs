using CleanAssistant.Application.Common.Interfaces;
using Mediator;

namespace CleanAssistant.Application.Common.Behaviours;

/// <summary>
/// Saves a command's changes once, after its handler succeeded: handlers never call SaveChanges,
/// so a command is all-or-nothing. Queries pass straight through.
/// </summary>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(IApplicationDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IBaseCommand)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return response;
    }
}
