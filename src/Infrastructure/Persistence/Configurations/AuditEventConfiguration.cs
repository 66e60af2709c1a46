using CleanAssistant.Domain.Auditing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAssistant.Infrastructure.Persistence.Configurations;

/// <summary>No foreign key to users: the audit log outlives a deleted account (until its retention ends).</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.ClientId).HasMaxLength(AuditEvent.MaxClientIdLength);
        builder.Property(a => a.IpAddress).HasMaxLength(AuditEvent.MaxIpAddressLength);
        builder.Property(a => a.Details).HasMaxLength(AuditEvent.MaxDetailsLength);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.UserId, a.At });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("data_protection_keys");
}
