using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;

namespace CleanAssistant.Application.Reminders;

/// <summary>
/// Keeps an event's reminders with the event, whatever changed it (the API, the assistant, undo, an import):
/// when its times change, each scheduled reminder moves to the next occurrence still to come (same minutes before),
/// or is dismissed when there is none; an occurrence split off a series (an override, "this and following")
/// gets the series' reminders. Snoozed reminders keep the time the user chose. A deleted event's reminders are
/// left alone: delivery drops them if the event is still deleted then, and undoing the deletion keeps them.
/// </summary>
internal sealed class RemindersFollowEvents(IApplicationDbContext db, IReminderScheduler scheduler, TimeProvider timeProvider) : IDomainEventHandler
{
    public async ValueTask HandleAsync(IReadOnlyList<IDomainEvent> domainEvents, CancellationToken cancellationToken)
    {
        var moved = domainEvents.OfType<EventChanged>().Where(e => e.TimingChanged).Select(e => e.EventId).ToHashSet();
        var splits = domainEvents.OfType<OccurrencesSplitOff>().ToList();
        if (moved.Count == 0 && splits.Count == 0)
        {
            return;
        }

        var involved = moved.Concat(splits.Select(s => s.SeriesId)).Distinct().ToList();
        var reminders = await db.Reminders
            .Where(r => r.EventId != null && involved.Contains(r.EventId.Value) && (r.State == ReminderState.Scheduled || r.State == ReminderState.Snoozed))
            .ToListAsync(cancellationToken);
        if (reminders.Count == 0)
        {
            return;
        }

        // The events as they are about to be saved: a query returns the tracked instances, changes and all.
        var events = (await db.EventsIncludingDeleted.Where(e => moved.Contains(e.Id)).ToListAsync(cancellationToken)).ToDictionary(e => e.Id);
        var now = timeProvider.GetCurrentInstant();

        // The series' settings as they were, before any of them moves or goes.
        var minutesOf = reminders.GroupBy(r => r.EventId!.Value).ToDictionary(g => g.Key, g => g.Select(r => r.MinutesBefore!.Value).Distinct().Order().ToList());
        foreach (var split in splits)
        {
            if (minutesOf.TryGetValue(split.SeriesId, out var minutes))
            {
                foreach (var minutesBefore in minutes)
                {
                    if (EventReminders.Next(split.NewEvent, minutesBefore, now, now) is { } reminder)
                    {
                        db.Add(reminder);
                        scheduler.Schedule(reminder.Id, reminder.DueAt);
                    }
                }
            }
        }

        foreach (var reminder in reminders.Where(r => r.State == ReminderState.Scheduled && moved.Contains(r.EventId!.Value)))
        {
            if (!events.TryGetValue(reminder.EventId!.Value, out var calendarEvent) || calendarEvent.IsDeleted)
            {
                continue;
            }

            var dueBefore = reminder.DueAt;
            if (EventReminders.NextOccurrenceStart(calendarEvent, reminder.MinutesBefore!.Value, now) is { } start)
            {
                reminder.FollowOccurrence(start, now);
                if (reminder.DueAt != dueBefore)
                {
                    scheduler.Schedule(reminder.Id, reminder.DueAt);
                }
            }
            else
            {
                reminder.Dismiss(now);
            }
        }
    }
}
