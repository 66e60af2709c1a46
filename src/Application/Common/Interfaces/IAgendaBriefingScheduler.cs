using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>Runs a user's morning briefing every day at a local time (a Hangfire recurring job per user).</summary>
public interface IAgendaBriefingScheduler
{
    /// <summary>Every day at <paramref name="at"/> in <paramref name="zone"/>; null stops it.</summary>
    void Schedule(UserId userId, LocalTime? at, TimeZoneId zone);
}
