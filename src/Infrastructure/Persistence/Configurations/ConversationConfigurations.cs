using System.Text.Json;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CleanAssistant.Infrastructure.Persistence.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasConversion(id => id.Value, value => new ConversationId(value));
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.OwnerId, c.LastActiveAt });
        builder.Property(c => c.Pending).HasConversion<JsonColumnConverter<PendingQuestion?>, JsonColumnComparer<PendingQuestion?>>().HasMaxLength(20_000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Turns).WithOne().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Turns).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class ConversationTurnConfiguration : IEntityTypeConfiguration<ConversationTurn>
{
    public void Configure(EntityTypeBuilder<ConversationTurn> builder)
    {
        builder.ToTable("conversation_turns");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasConversion(id => id.Value, value => new TurnId(value));
        builder.Property(t => t.ConversationId).HasConversion(id => id.Value, value => new ConversationId(value));
        builder.Property(t => t.Speaker).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Text).HasMaxLength(Conversation.MaxTurnTextLength);
        builder.Property(t => t.Intent).HasMaxLength(40);
        builder.HasIndex(t => new { t.ConversationId, t.At });
    }
}

internal sealed class AssistantActionConfiguration : IEntityTypeConfiguration<AssistantAction>
{
    public void Configure(EntityTypeBuilder<AssistantAction> builder)
    {
        builder.ToTable("assistant_actions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasConversion(id => id.Value, value => new AssistantActionId(value));
        builder.Property(a => a.ConversationId).HasConversion(id => id!.Value.Value, value => new ConversationId(value));
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OwnerId, a.At });
        builder.Property(a => a.Description).HasMaxLength(AssistantAction.MaxDescriptionLength);
        builder.Property(a => a.Created).HasConversion<JsonColumnConverter<IReadOnlyList<EventId>>, JsonColumnComparer<IReadOnlyList<EventId>>>().HasMaxLength(20_000);
        builder.Property(a => a.CreatedReminders).HasConversion<JsonColumnConverter<IReadOnlyList<ReminderId>>, JsonColumnComparer<IReadOnlyList<ReminderId>>>().HasMaxLength(20_000);
        builder.Property(a => a.Before).HasConversion<JsonColumnConverter<IReadOnlyList<EventSnapshot>>, JsonColumnComparer<IReadOnlyList<EventSnapshot>>>().HasMaxLength(200_000);
        builder.Ignore(a => a.DomainEvents);
    }
}

/// <summary>Values that are always read and written whole (a pending question, undo snapshots) as one JSON text column.</summary>
internal sealed class JsonColumnConverter<T>() : ValueConverter<T, string>(value => Write(value), json => Read(json))
{
    internal static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.General).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    private static string Write(T value) => JsonSerializer.Serialize(value, Options);

    private static T Read(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}

internal sealed class JsonColumnComparer<T>() : ValueComparer<T>(
    (a, b) => JsonSerializer.Serialize(a, JsonColumnConverter<T>.Options) == JsonSerializer.Serialize(b, JsonColumnConverter<T>.Options),
    value => JsonSerializer.Serialize(value, JsonColumnConverter<T>.Options).GetHashCode(StringComparison.Ordinal),
    value => value);
