using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Users;
using CleanAssistant.Domain.Voice;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAssistant.Infrastructure.Persistence.Configurations;

internal sealed class VoiceRecordConfiguration : IEntityTypeConfiguration<VoiceRecord>
{
    public void Configure(EntityTypeBuilder<VoiceRecord> builder)
    {
        builder.ToTable("voice_records");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasConversion(id => id.Value, value => new VoiceRecordId(value));
        builder.Property(v => v.ConversationId).HasConversion(id => id!.Value.Value, value => new ConversationId(value));
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Engine).HasMaxLength(VoiceRecord.MaxEngineLength);
        builder.Property(v => v.AudioContentType).HasMaxLength(VoiceRecord.MaxContentTypeLength);
        builder.Property(v => v.ReplyAudioContentType).HasMaxLength(VoiceRecord.MaxContentTypeLength);

        // The history is listed per user, newest first; retention looks for what has expired.
        builder.HasIndex(v => new { v.OwnerId, v.CreatedAt });
        builder.HasIndex(v => v.ExpiresAt);
        builder.HasIndex(v => v.AudioExpiresAt);
        builder.HasIndex(v => v.ReplyAudioExpiresAt);
        builder.Ignore(v => v.DomainEvents);
    }
}
