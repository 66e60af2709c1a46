using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace CleanAssistant.Infrastructure.Persistence.Configurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("reminders");
        builder.HasKey(r => r.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CalendarEvent>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade).IsRequired(false);
        builder.Property(r => r.Text).HasMaxLength(Reminder.MaxTextLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ClaimedBy).HasMaxLength(64);
        builder.Property(r => r.Version).IsConcurrencyToken();

        // The sweeper and the start-up re-fill look for pending reminders by due time; users list theirs.
        builder.HasIndex(r => new { r.State, r.DueAt });
        builder.HasIndex(r => new { r.OwnerId, r.DueAt });
        builder.HasIndex(r => new { r.EventId, r.OccurrenceStart, r.MinutesBefore });
        builder.Ignore(r => r.IsPending);
        builder.Ignore(r => r.DomainEvents);
    }
}

internal sealed class ReminderWebhookConfiguration : IEntityTypeConfiguration<ReminderWebhook>
{
    public void Configure(EntityTypeBuilder<ReminderWebhook> builder)
    {
        builder.ToTable("reminder_webhooks");
        builder.HasKey(w => w.Id);
        builder.HasOne<User>().WithOne().HasForeignKey<ReminderWebhook>(w => w.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.Url).HasMaxLength(ReminderWebhook.MaxUrlLength);
        builder.Property(w => w.SecretCiphertext);

        // Before secrets were encrypted they were stored here in plain text; WebhookSecretReencryption encrypts what is left at start.
        builder.Property<string?>(WebhookSecretReencryption.PlaintextColumn).HasMaxLength(ReminderWebhook.MaxSecretLength);
        builder.Ignore(w => w.DomainEvents);
    }
}

internal sealed class AgendaBriefingConfiguration : IEntityTypeConfiguration<AgendaBriefing>
{
    public void Configure(EntityTypeBuilder<AgendaBriefing> builder)
    {
        builder.ToTable("agenda_briefings");
        builder.HasKey(b => b.Id);
        builder.HasOne<User>().WithOne().HasForeignKey<AgendaBriefing>(b => b.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Property(b => b.At).HasConversion(t => t.TickOfDay, ticks => LocalTime.FromTicksSinceMidnight(ticks));
        builder.Ignore(b => b.DomainEvents);
    }
}
