using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Calendars;

public readonly record struct CalendarId(Guid Value)
{
    public static CalendarId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>A named collection of events owned by one user. The default calendar cannot be deleted.</summary>
public sealed class Calendar : Entity<CalendarId>, IVersioned
{
    public const int MaxNameLength = 100;
    public const string DefaultName = "Personal";

    private Calendar()
    {
        Name = string.Empty;
    }

    public UserId OwnerId { get; private set; }

    public string Name { get; private set; }

    public bool IsDefault { get; private set; }

    public Instant CreatedAt { get; private set; }

    public bool IsDeleted { get; private set; }

    public Instant? DeletedAt { get; private set; }

    public int Version { get; private set; }

    public static Calendar Create(UserId ownerId, string name, bool isDefault, Instant now)
    {
        return new Calendar
        {
            Id = CalendarId.New(),
            OwnerId = ownerId,
            Name = Guard.Text(name, "Name", MaxNameLength),
            IsDefault = isDefault,
            CreatedAt = now,
            Version = 1,
        };
    }

    public void Rename(string name)
    {
        EnsureNotDeleted();
        Name = Guard.Text(name, "Name", MaxNameLength);
        Version++;
    }

    /// <summary>Soft-deletes the calendar; the caller deletes its events in the same unit of work.</summary>
    public void Delete(Instant now)
    {
        if (IsDeleted)
        {
            return;
        }

        if (IsDefault)
        {
            throw new DomainException("DEFAULT_CALENDAR", "The default calendar cannot be deleted.");
        }

        IsDeleted = true;
        DeletedAt = now;
        Version++;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("CALENDAR_DELETED", "A deleted calendar cannot be changed.");
        }
    }
}
