using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CleanAssistant.Application.Conversations.SendMessage;

/// <summary>
/// Says something to the assistant and lets it act: the words are interpreted in the conversation (what "it"
/// means, the question it asked), carried out through the same use cases as the rest of the API, and both turns
/// are kept. Without a conversation a new one starts. A change can be undone for a few minutes.
/// </summary>
public sealed record SendMessageCommand(string Text, ConversationId? ConversationId = null) : ICommand<AssistantReplyDto>, IRequireUser;

public sealed class SendMessageCommandValidator : AbstractValidator<SendMessageCommand>
{
    public SendMessageCommandValidator() => RuleFor(c => c.Text).NotEmpty().MaximumLength(Conversation.MaxTurnTextLength);
}

public sealed class SendMessageCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider, Assistant assistant)
    : ICommandHandler<SendMessageCommand, AssistantReplyDto>
{
    public async ValueTask<AssistantReplyDto> Handle(SendMessageCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var now = timeProvider.GetCurrentInstant();
        Conversation conversation;
        if (command.ConversationId is { } id)
        {
            conversation = await db.GetOwnedAsync(id, owner, cancellationToken);
        }
        else
        {
            conversation = Conversation.Start(owner, now);
            db.Add(conversation);
        }

        conversation.Say(Speaker.User, command.Text, now);
        var turn = await assistant.ReplyAsync(conversation, command.Text, act: true, cancellationToken);
        if (!turn.AskedQuestion)
        {
            conversation.Answered();
        }

        conversation.Focus(turn.Focus);
        conversation.Say(Speaker.Assistant, turn.Reply.Reply, timeProvider.GetCurrentInstant(), turn.Intent?.ToString(), turn.Focus ?? turn.Reply.Event?.Id);
        return turn.Reply with { ConversationId = conversation.Id };
    }
}
