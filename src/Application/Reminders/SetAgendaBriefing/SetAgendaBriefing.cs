using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Reminders;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Reminders.SetAgendaBriefing;

/// <summary>E-mails the caller the day's agenda every morning at <paramref name="At"/> in their time zone; null turns it off.</summary>
public sealed record SetAgendaBriefingCommand(LocalTime? At) : ICommand<LocalTime?>, IRequireUser;

public sealed class SetAgendaBriefingCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IAgendaBriefingScheduler scheduler, TimeProvider timeProvider)
    : ICommandHandler<SetAgendaBriefingCommand, LocalTime?>
{
    public async ValueTask<LocalTime?> Handle(SetAgendaBriefingCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var now = timeProvider.GetCurrentInstant();
        var zone = await db.Users.Where(u => u.Id == owner).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken);
        var briefing = await db.AgendaBriefings.Where(b => b.Id == owner).FirstOrDefaultAsync(cancellationToken);
        if (command.At is not { } at)
        {
            briefing?.Disable(now);
        }
        else if (briefing is null)
        {
            db.Add(AgendaBriefing.Create(owner, at, now));
        }
        else
        {
            briefing.Change(at, now);
        }

        scheduler.Schedule(owner, command.At, zone ?? TimeZoneId.Utc);
        return command.At;
    }
}
