using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Reminders;
using FluentValidation;
using Mediator;

namespace CleanAssistant.Application.Reminders.ListReminders;

/// <summary>The caller's reminders by due time: the ones still to come (scheduled or snoozed), or with <paramref name="IncludeFinished"/> all of them.</summary>
public sealed record ListRemindersQuery(bool IncludeFinished = false, int First = 50) : IQuery<IReadOnlyList<ReminderDto>>, IRequireUser;

public sealed class ListRemindersQueryValidator : AbstractValidator<ListRemindersQuery>
{
    public ListRemindersQueryValidator() => RuleFor(q => q.First).InclusiveBetween(1, 200);
}

public sealed class ListRemindersQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListRemindersQuery, IReadOnlyList<ReminderDto>>
{
    public async ValueTask<IReadOnlyList<ReminderDto>> Handle(ListRemindersQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        // A deleted event's reminders wait for its deletion to be undone; they are not shown meanwhile.
        var reminders = db.Reminders.Where(r => r.OwnerId == owner && (r.EventId == null || db.Events.Any(e => e.Id == r.EventId)));
        if (!query.IncludeFinished)
        {
            reminders = reminders.Where(r => r.State == ReminderState.Scheduled || r.State == ReminderState.Snoozed);
        }

        var found = await reminders.OrderBy(r => r.DueAt).Take(query.First).ToListAsync(cancellationToken);
        var eventIds = found.Where(r => r.EventId != null).Select(r => r.EventId!.Value).Distinct().ToList();
        var titles = eventIds.Count == 0
            ? []
            : (await db.Events.Where(e => eventIds.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToListAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Title);
        return [.. found.Select(r => r.ToDto(r.EventId is { } id ? titles.GetValueOrDefault(id) : null))];
    }
}
