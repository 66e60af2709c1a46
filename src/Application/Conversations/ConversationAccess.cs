using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Conversations;

internal static class ConversationAccess
{
    /// <summary>The caller's conversation; another user's is NOT_FOUND, as if it did not exist.</summary>
    public static async Task<Conversation> GetOwnedAsync(this IApplicationDbContext db, ConversationId id, UserId owner, CancellationToken cancellationToken) =>
        await db.Conversations.Where(c => c.Id == id && c.OwnerId == owner).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Conversation", id);
}
