using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Reminders;

/// <summary>A user's morning briefing: the day's agenda by e-mail at <see cref="At"/> in the user's time zone. One per user.</summary>
public sealed class AgendaBriefing : Entity<UserId>
{
    private AgendaBriefing()
    {
    }

    public LocalTime At { get; private set; }

    public bool IsEnabled { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public static AgendaBriefing Create(UserId owner, LocalTime at, Instant now) =>
        new() { Id = owner, At = at, IsEnabled = true, UpdatedAt = now };

    public void Change(LocalTime at, Instant now)
    {
        At = at;
        IsEnabled = true;
        UpdatedAt = now;
    }

    public void Disable(Instant now)
    {
        IsEnabled = false;
        UpdatedAt = now;
    }
}
