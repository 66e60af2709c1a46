using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Conversations.GetConversation;

public sealed record TurnDto(TurnId Id, Speaker Speaker, string Text, Instant At, string? Intent, EventId? EventId);

public sealed record ConversationDto(ConversationId Id, Instant StartedAt, Instant LastActiveAt, EventId? FocusEventId, string? PendingQuestion, IReadOnlyList<TurnDto> Turns);

/// <summary>One of the caller's conversations with its turns, oldest first.</summary>
public sealed record GetConversationQuery(ConversationId Id) : IQuery<ConversationDto>, IRequireUser;

/// <summary>The caller's conversations, most recently active first (turns included).</summary>
public sealed record ListConversationsQuery(int First = 20) : IQuery<IReadOnlyList<ConversationDto>>, IRequireUser;

public sealed class GetConversationQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetConversationQuery, ConversationDto>, IQueryHandler<ListConversationsQuery, IReadOnlyList<ConversationDto>>
{
    public async ValueTask<ConversationDto> Handle(GetConversationQuery query, CancellationToken cancellationToken) =>
        ToDto(await db.GetOwnedAsync(query.Id, currentUser.Id!.Value, cancellationToken));

    public async ValueTask<IReadOnlyList<ConversationDto>> Handle(ListConversationsQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var first = Math.Clamp(query.First, 1, 100);
        var conversations = await db.Conversations.Where(c => c.OwnerId == owner).OrderByDescending(c => c.LastActiveAt).Take(first).ToListAsync(cancellationToken);
        return [.. conversations.Select(ToDto)];
    }

    private static ConversationDto ToDto(Conversation c) => new(
        c.Id,
        c.StartedAt,
        c.LastActiveAt,
        c.FocusEventId,
        c.Pending is { } pending ? pending.Missing : null,
        [.. c.Turns.OrderBy(t => t.At).ThenBy(t => t.Id.Value).Select(t => new TurnDto(t.Id, t.Speaker, t.Text, t.At, t.Intent, t.EventId))]);
}
