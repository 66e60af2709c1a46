using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Recurrence;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using CleanAssistant.Domain.Voice;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NodaTime;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>
/// The one model of the product. Each provider has a subclass that owns its migrations
/// (<see cref="SqliteApplicationDbContext"/>, <see cref="PostgresApplicationDbContext"/>).
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options) : DbContext(options), IApplicationDbContext, IDataProtectionKeyContext
{
    private IDbContextTransaction? _unitOfWorkTransaction;

    public DbSet<User> Users => Set<User>();

    public DbSet<Calendar> Calendars => Set<Calendar>();

    public DbSet<CalendarEvent> Events => Set<CalendarEvent>();

    /// <summary>Language model tokens per user, provider and month; written by the usage ledger, outside any unit of work.</summary>
    public DbSet<LlmUsageRecord> LlmUsage => Set<LlmUsageRecord>();

    IQueryable<User> IApplicationDbContext.Users => Users;

    IQueryable<Calendar> IApplicationDbContext.Calendars => Calendars;

    IQueryable<Calendar> IApplicationDbContext.CalendarsIncludingDeleted => Calendars.IgnoreQueryFilters();

    IQueryable<CalendarEvent> IApplicationDbContext.Events => Events;

    IQueryable<CalendarEvent> IApplicationDbContext.EventsIncludingDeleted => Events.IgnoreQueryFilters();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<AssistantAction> AssistantActions => Set<AssistantAction>();

    IQueryable<Conversation> IApplicationDbContext.Conversations => Conversations.Include(c => c.Turns);

    IQueryable<AssistantAction> IApplicationDbContext.AssistantActions => AssistantActions;

    public DbSet<Reminder> Reminders => Set<Reminder>();

    IQueryable<Reminder> IApplicationDbContext.Reminders => Reminders;

    public DbSet<ReminderWebhook> ReminderWebhooks => Set<ReminderWebhook>();

    IQueryable<ReminderWebhook> IApplicationDbContext.ReminderWebhooks => ReminderWebhooks;

    public DbSet<AgendaBriefing> AgendaBriefings => Set<AgendaBriefing>();

    IQueryable<AgendaBriefing> IApplicationDbContext.AgendaBriefings => AgendaBriefings;

    public DbSet<VoiceRecord> VoiceRecords => Set<VoiceRecord>();

    IQueryable<VoiceRecord> IApplicationDbContext.VoiceRecords => VoiceRecords;

    /// <summary>The audit log; written by <see cref="Auditing.EfAuditLog"/>, outside any unit of work.</summary>
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    IQueryable<AuditEvent> IApplicationDbContext.AuditEvents => AuditEvents;

    /// <summary>The ASP.NET Core Data Protection key ring, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    void IApplicationDbContext.Add<TEntity>(TEntity entity) => Set<TEntity>().Add(entity);

    void IApplicationDbContext.Remove<TEntity>(TEntity entity) => Set<TEntity>().Remove(entity);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            var liveEvents = LiveEvents is null ? [] : CollectLiveEvents();
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (_unitOfWorkTransaction is { } transaction)
            {
                _unitOfWorkTransaction = null;
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }

            // Only what is committed is announced.
            foreach (var liveEvent in liveEvents)
            {
                await LiveEvents!.PublishAsync(liveEvent, CancellationToken.None);
            }

            return saved;
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConflictException("CONCURRENT_UPDATE", "It was changed by someone else at the same time; reload and try again.", exception);
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception.InnerException))
        {
            throw new ConflictException("DUPLICATE", "It already exists.", exception);
        }
    }

    /// <summary>Where committed changes are announced live (subscriptions); set by the container, null in design-time tools.</summary>
    internal ILiveEvents? LiveEvents { get; set; }

    /// <summary>The live events of the changes about to be saved: events created, changed or deleted, conversation turns said.</summary>
    private List<LiveEvent> CollectLiveEvents()
    {
        var events = new List<LiveEvent>();
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case CalendarEvent e when entry.State is EntityState.Added or EntityState.Modified:
                    var kind = entry.State == EntityState.Added ? CalendarChangeKind.Created
                        : e.IsDeleted ? CalendarChangeKind.Deleted : CalendarChangeKind.Updated;
                    events.Add(new CalendarChanged(e.OwnerId, e.Id, kind, e.UpdatedAt));
                    break;
                case ConversationTurn turn when entry.State == EntityState.Added:
                    var owner = ChangeTracker.Entries<Conversation>().FirstOrDefault(c => c.Entity.Id == turn.ConversationId)?.Entity.OwnerId;
                    if (owner is { } user)
                    {
                        events.Add(new ConversationUpdated(user, turn.ConversationId, turn.Speaker, turn.Text, turn.At));
                    }

                    break;
            }
        }

        return events;
    }

    /// <summary>
    /// Starts the transaction the next save commits, so locks and reads taken before the save hold
    /// until it. Without a save (the command failed) the transaction is rolled back when the context goes.
    /// </summary>
    internal async Task BeginUnitOfWorkTransactionAsync(CancellationToken cancellationToken) =>
        _unitOfWorkTransaction ??= Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
        modelBuilder.UseOpenIddict();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<TimeZoneId>().HaveConversion<TimeZoneIdConverter>().HaveMaxLength(64);
        configurationBuilder.Properties<UserId>().HaveConversion<UserIdConverter>();
        configurationBuilder.Properties<CalendarId>().HaveConversion<CalendarIdConverter>();
        configurationBuilder.Properties<EventId>().HaveConversion<EventIdConverter>();
        configurationBuilder.Properties<ReminderId>().HaveConversion<ReminderIdConverter>();
        configurationBuilder.Properties<UserRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LocalDateTime>().HaveConversion<LocalDateTimeConverter>().HaveMaxLength(32);
        configurationBuilder.Properties<RecurrenceRule>().HaveConversion<RecurrenceRuleConverter>().HaveMaxLength(500);
    }

    private static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}

public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options) : ApplicationDbContext(options);

public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options);
