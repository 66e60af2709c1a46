using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAssistant.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(User.MaxEmailLength);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(User.MaxDisplayNameLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.Property(u => u.Preferences).HasConversion<UserPreferencesConverter>().HasMaxLength(2000);
        builder.Ignore(u => u.DomainEvents);
    }
}

internal sealed class CalendarConfiguration : IEntityTypeConfiguration<Calendar>
{
    public void Configure(EntityTypeBuilder<Calendar> builder)
    {
        builder.ToTable("calendars");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(Calendar.MaxNameLength);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.OwnerId);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasQueryFilter(c => !c.IsDeleted);
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class CalendarEventConfiguration : IEntityTypeConfiguration<CalendarEvent>
{
    public void Configure(EntityTypeBuilder<CalendarEvent> builder)
    {
        builder.ToTable("events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Title).HasMaxLength(CalendarEvent.MaxTitleLength);
        builder.Property(e => e.Description).HasMaxLength(CalendarEvent.MaxDescriptionLength);
        builder.Property(e => e.Location).HasMaxLength(CalendarEvent.MaxLocationLength);
        builder.HasOne<Calendar>().WithMany().HasForeignKey(e => e.CalendarId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.OwnerId, e.Start });
        builder.HasIndex(e => new { e.CalendarId, e.Start });
        builder.Property(e => e.IdempotencyKey).HasMaxLength(CalendarEvent.MaxIdempotencyKeyLength);
        builder.HasIndex(e => new { e.OwnerId, e.IdempotencyKey }).IsUnique();
        builder.Property(e => e.ExternalUid).HasMaxLength(CalendarEvent.MaxExternalUidLength);
        builder.HasIndex(e => new { e.CalendarId, e.ExternalUid }).IsUnique();
        builder.Property(e => e.ExceptionDates).HasConversion<LocalDateTimeListConverter, LocalDateTimeListComparer>().HasMaxLength(20_000);
        builder.HasIndex(e => new { e.OwnerId, e.SeriesEnd });
        builder.HasIndex(e => e.SeriesId);
        builder.Property(e => e.ShowAs).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Availability.Busy).HasSentinel((Availability)(-1));
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasQueryFilter(e => !e.IsDeleted);
        builder.Ignore(e => e.DomainEvents);
        builder.Ignore(e => e.Time);
        builder.Ignore(e => e.Series);
        builder.Ignore(e => e.IsRecurring);
    }
}
