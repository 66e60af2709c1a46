using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Conversations;
using Mediator;

namespace CleanAssistant.Application.Conversations.UndoLastAction;

/// <summary>
/// Undoes the assistant's last change (in one conversation, or the caller's last anywhere) if it is at most a few
/// minutes old and the events were not changed since; the reply says what was put back.
/// </summary>
public sealed record UndoLastActionCommand(ConversationId? ConversationId = null) : ICommand<AssistantReplyDto>, IRequireUser;

public sealed class UndoLastActionCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider, Assistant assistant)
    : ICommandHandler<UndoLastActionCommand, AssistantReplyDto>
{
    public async ValueTask<AssistantReplyDto> Handle(UndoLastActionCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var conversation = command.ConversationId is { } id ? await db.GetOwnedAsync(id, owner, cancellationToken) : null;
        var turn = await assistant.UndoLastAsync(conversation, cancellationToken);
        var now = timeProvider.GetCurrentInstant();
        if (conversation is not null)
        {
            conversation.Focus(turn.Focus);
            conversation.Answered();
            conversation.Say(Speaker.Assistant, turn.Reply.Reply, now);
        }

        return turn.Reply with { ConversationId = conversation?.Id };
    }
}
