using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CleanAssistant.Application.Conversations.InterpretMessage;

/// <summary>
/// A dry run of <see cref="SendMessage.SendMessageCommand"/>: what the words are understood as and what sending
/// them would do (including conflicts and questions), in the conversation when one is given. Nothing is changed or kept.
/// </summary>
public sealed record InterpretMessageQuery(string Text, ConversationId? ConversationId = null) : IQuery<AssistantReplyDto>, IRequireUser;

public sealed class InterpretMessageQueryValidator : AbstractValidator<InterpretMessageQuery>
{
    public InterpretMessageQueryValidator() => RuleFor(q => q.Text).NotEmpty().MaximumLength(Conversation.MaxTurnTextLength);
}

public sealed class InterpretMessageQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, Assistant assistant)
    : IQueryHandler<InterpretMessageQuery, AssistantReplyDto>
{
    public async ValueTask<AssistantReplyDto> Handle(InterpretMessageQuery query, CancellationToken cancellationToken)
    {
        // The conversation is read for context only: a query is never saved, so what the dry run asks is not kept.
        var conversation = query.ConversationId is { } id ? await db.GetOwnedAsync(id, currentUser.Id!.Value, cancellationToken) : null;
        var turn = await assistant.ReplyAsync(conversation, query.Text, act: false, cancellationToken);
        return turn.Reply with { ConversationId = conversation?.Id };
    }
}
