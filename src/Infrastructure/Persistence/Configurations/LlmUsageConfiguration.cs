using CleanAssistant.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAssistant.Infrastructure.Persistence.Configurations;

internal sealed class LlmUsageConfiguration : IEntityTypeConfiguration<LlmUsageRecord>
{
    public void Configure(EntityTypeBuilder<LlmUsageRecord> builder)
    {
        builder.ToTable("llm_usage");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Provider).HasMaxLength(LlmUsageRecord.MaxNameLength);
        builder.Property(u => u.Model).HasMaxLength(LlmUsageRecord.MaxNameLength);
        builder.Property(u => u.PromptVersion).HasMaxLength(LlmUsageRecord.MaxNameLength);
        builder.Property(u => u.Month).HasMaxLength(7);
        builder.HasOne<User>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.UserId, u.Month, u.Provider, u.Model, u.PromptVersion }).IsUnique();
    }
}
