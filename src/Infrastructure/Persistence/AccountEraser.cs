using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Users;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>
/// Deletes table by table (the foreign keys' cascades are a second line, not the plan), ignoring the soft-delete
/// filters. The account goes last, in the same transaction, so a failure leaves the account as it was.
/// </summary>
internal sealed class AccountEraser(ApplicationDbContext db) : IAccountEraser
{
    public async Task<int> EraseAsync(UserId userId, CancellationToken cancellationToken)
    {
        var subject = userId.Value.ToString();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var deleted = 0;
        deleted += await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject == subject).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Where(a => a.Subject == subject).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Reminders.Where(r => r.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Events.IgnoreQueryFilters().Where(e => e.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Calendars.IgnoreQueryFilters().Where(c => c.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<ConversationTurn>()
            .Where(t => db.Conversations.Any(c => c.Id == t.ConversationId && c.OwnerId == userId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Conversations.Where(c => c.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.AssistantActions.Where(a => a.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.ReminderWebhooks.Where(w => w.Id == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.AgendaBriefings.Where(b => b.Id == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.VoiceRecords.Where(v => v.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.LlmUsage.Where(u => u.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.AuditEvents.Where(a => a.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IpAddress, (string?)null), cancellationToken);
        var users = await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return users == 0 ? 0 : deleted + users;
    }
}
