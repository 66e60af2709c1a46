using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using CleanAssistant.Domain.Voice;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>
/// The database as the use cases see it. Sets are tracked: entities loaded from them and changed
/// are saved by the unit-of-work behaviour once the command handler returns. Queries should
/// project to DTOs (projections are never tracked). Soft-deleted rows are filtered out.
/// </summary>
public interface IApplicationDbContext
{
    IQueryable<User> Users { get; }

    IQueryable<Calendar> Calendars { get; }

    /// <summary>Calendars with the soft-deleted ones, for what the service holds about a user (data export).</summary>
    IQueryable<Calendar> CalendarsIncludingDeleted { get; }

    IQueryable<CalendarEvent> Events { get; }

    /// <summary>Events with the soft-deleted ones, for putting a deleted event back (undo).</summary>
    IQueryable<CalendarEvent> EventsIncludingDeleted { get; }

    IQueryable<Conversation> Conversations { get; }

    IQueryable<AssistantAction> AssistantActions { get; }

    IQueryable<Reminder> Reminders { get; }

    IQueryable<ReminderWebhook> ReminderWebhooks { get; }

    IQueryable<AgendaBriefing> AgendaBriefings { get; }

    IQueryable<VoiceRecord> VoiceRecords { get; }

    /// <summary>The audit log (written through <see cref="IAuditLog"/>, read here).</summary>
    IQueryable<AuditEvent> AuditEvents { get; }

    void Add<TEntity>(TEntity entity)
        where TEntity : class;

    /// <summary>Deletes the row for good (things the user asked to be erased; most entities are soft-deleted instead).</summary>
    void Remove<TEntity>(TEntity entity)
        where TEntity : class;

    /// <summary>Saves all changes atomically; a lost update surfaces as <see cref="Exceptions.ConflictException"/>.</summary>
    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
