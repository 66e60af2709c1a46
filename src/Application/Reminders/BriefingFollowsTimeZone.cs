using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Reminders;

/// <summary>The morning briefing stays at the user's local time when they change time zone.</summary>
internal sealed class BriefingFollowsTimeZone(IApplicationDbContext db, IAgendaBriefingScheduler scheduler) : IDomainEventHandler
{
    public async ValueTask HandleAsync(IReadOnlyList<IDomainEvent> domainEvents, CancellationToken cancellationToken)
    {
        foreach (var moved in domainEvents.OfType<UserTimeZoneChanged>())
        {
            var userId = moved.UserId;
            if (await db.AgendaBriefings.Where(b => b.Id == userId && b.IsEnabled).FirstOrDefaultAsync(cancellationToken) is { } briefing)
            {
                scheduler.Schedule(userId, briefing.At, moved.TimeZone);
            }
        }
    }
}
