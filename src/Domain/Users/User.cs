using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Users;

public readonly record struct UserId(Guid Value)
{
    public static UserId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>What a user may do beyond their own data.</summary>
public enum UserRole
{
    User = 0,
    Admin = 1,
}

/// <summary>A person with an account. The password hash is opaque here; hashing is an application port.</summary>
public sealed class User : Entity<UserId>, IVersioned
{
    public const int MaxEmailLength = 254;
    public const int MaxDisplayNameLength = 100;

    private User()
    {
        Email = string.Empty;
        DisplayName = string.Empty;
        PasswordHash = string.Empty;
        TimeZone = TimeZoneId.Utc;
    }

    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    public string PasswordHash { get; private set; }

    public TimeZoneId TimeZone { get; private set; }

    public UserRole Role { get; private set; }

    public Instant CreatedAt { get; private set; }

    public int Version { get; private set; }

    public UserPreferences Preferences { get; private set; } = UserPreferences.Default;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static User Register(string email, string displayName, string passwordHash, TimeZoneId timeZone, UserRole role, Instant now)
    {
        var normalized = NormalizeEmail(Guard.Text(email, "Email", MaxEmailLength));
        if (!normalized.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainException("INVALID_EMAIL", "Email must be an e-mail address.");
        }

        var user = new User
        {
            Id = UserId.New(),
            Email = normalized,
            DisplayName = Guard.Text(displayName, "Display name", MaxDisplayNameLength),
            PasswordHash = Guard.Text(passwordHash, "Password hash", 512),
            TimeZone = timeZone,
            Role = role,
            CreatedAt = now,
            Version = 1,
        };
        user.Raise(new UserRegistered(user.Id));
        return user;
    }

    public void ChangePasswordHash(string passwordHash)
    {
        PasswordHash = Guard.Text(passwordHash, "Password hash", 512);
        Version++;
    }

    public void ChangePreferences(TimeZoneId timeZone, UserPreferences preferences)
    {
        if (timeZone != TimeZone)
        {
            Raise(new UserTimeZoneChanged(Id, timeZone));
        }

        TimeZone = timeZone;
        Preferences = preferences.Validated();
        Version++;
    }

    public void MakeAdmin()
    {
        Role = UserRole.Admin;
        Version++;
    }
}

public sealed record UserRegistered(UserId UserId) : IDomainEvent;

/// <summary>The user now lives in <paramref name="TimeZone"/>: what runs at their local times follows.</summary>
public sealed record UserTimeZoneChanged(UserId UserId, TimeZoneId TimeZone) : IDomainEvent;
