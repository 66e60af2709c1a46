using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Reminders;

public readonly record struct ReminderId(Guid Value)
{
    public static ReminderId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>Where a reminder is in its life. Only <see cref="Scheduled"/> and <see cref="Snoozed"/> are still to be delivered.</summary>
public enum ReminderState
{
    Scheduled,
    Snoozed,
    Delivering,
    Delivered,
    Dismissed,
    Failed,
}

/// <summary>
/// One reminder to deliver at <see cref="DueAt"/>: of an event (one occurrence of it, some minutes before it starts)
/// or standalone (its own text). The row is the source of truth; the job scheduler only wakes the delivery up,
/// and delivery claims the row first (<see cref="ClaimedBy"/>) so it happens once.
/// </summary>
public sealed class Reminder : Entity<ReminderId>, IVersioned
{
    public const int MaxTextLength = 500;
    public const int MaxMinutesBefore = 60 * 24 * 28;
    public const int MaxAttempts = 3;

    private Reminder()
    {
    }

    public UserId OwnerId { get; private set; }

    /// <summary>The event reminded of; null for a standalone reminder.</summary>
    public EventId? EventId { get; private set; }

    public int? MinutesBefore { get; private set; }

    /// <summary>For an event reminder: the start of the occurrence it is for.</summary>
    public Instant? OccurrenceStart { get; private set; }

    /// <summary>The standalone reminder's text ("call Bob").</summary>
    public string? Text { get; private set; }

    public Instant DueAt { get; private set; }

    public ReminderState State { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The delivery that claimed the reminder (a random token per attempt); null when unclaimed.</summary>
    public string? ClaimedBy { get; private set; }

    public Instant? ClaimedAt { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? DeliveredAt { get; private set; }

    public int Version { get; private set; }

    public bool IsPending => State is ReminderState.Scheduled or ReminderState.Snoozed;

    public static Reminder Standalone(UserId owner, string text, Instant dueAt, Instant now)
    {
        if (dueAt <= now)
        {
            throw new DomainException("REMINDER_IN_PAST", "A reminder must be due in the future.");
        }

        return new Reminder { Id = ReminderId.New(), OwnerId = owner, Text = Guard.Text(text, "Text", MaxTextLength), DueAt = dueAt, State = ReminderState.Scheduled, CreatedAt = now, Version = 1 };
    }

    /// <summary>The reminder of one occurrence of <paramref name="calendarEvent"/>, <paramref name="minutesBefore"/> minutes before it starts.</summary>
    public static Reminder ForOccurrence(CalendarEvent calendarEvent, Instant occurrenceStart, int minutesBefore, Instant now)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        if (minutesBefore is < 0 or > MaxMinutesBefore)
        {
            throw new DomainException("INVALID_MINUTES_BEFORE", $"Minutes before must be between 0 and {MaxMinutesBefore}.");
        }

        return new Reminder
        {
            Id = ReminderId.New(),
            OwnerId = calendarEvent.OwnerId,
            EventId = calendarEvent.Id,
            MinutesBefore = minutesBefore,
            OccurrenceStart = occurrenceStart,
            DueAt = occurrenceStart - Duration.FromMinutes(minutesBefore),
            State = ReminderState.Scheduled,
            CreatedAt = now,
            Version = 1,
        };
    }

    /// <summary>Puts the reminder off until <paramref name="until"/>; a delivered reminder may be snoozed too (it comes back).</summary>
    public void Snooze(Instant until, Instant now)
    {
        if (State is ReminderState.Dismissed or ReminderState.Delivering)
        {
            throw new DomainException("REMINDER_NOT_SNOOZABLE", $"A {State.ToString().ToLowerInvariant()} reminder cannot be snoozed.");
        }

        if (until <= now)
        {
            throw new DomainException("REMINDER_IN_PAST", "A reminder can only be snoozed until a later time.");
        }

        DueAt = until;
        State = ReminderState.Snoozed;
        ClaimedBy = null;
        ClaimedAt = null;
        Attempts = 0;
        Version++;
    }

    /// <summary>
    /// The event moved: the reminder is now for the occurrence starting at <paramref name="occurrenceStart"/>, still
    /// <see cref="MinutesBefore"/> minutes ahead of it — or at once, when that moment has passed but the occurrence has not.
    /// </summary>
    public void FollowOccurrence(Instant occurrenceStart, Instant now)
    {
        if (State != ReminderState.Scheduled || MinutesBefore is not { } minutes)
        {
            throw new DomainException("REMINDER_NOT_MOVABLE", "Only a scheduled reminder of an event follows the event.");
        }

        if (occurrenceStart <= now)
        {
            throw new DomainException("REMINDER_IN_PAST", "A reminder can only follow an occurrence that is still to come.");
        }

        OccurrenceStart = occurrenceStart;
        DueAt = Instant.Max(occurrenceStart - Duration.FromMinutes(minutes), now);
        Version++;
    }

    /// <summary>The user does not want it (any more): it is never delivered again.</summary>
    public void Dismiss(Instant now)
    {
        _ = now;
        if (State == ReminderState.Dismissed)
        {
            return;
        }

        State = ReminderState.Dismissed;
        ClaimedBy = null;
        Version++;
    }

    public void MarkDelivered(Instant now)
    {
        if (State != ReminderState.Delivering)
        {
            throw new DomainException("REMINDER_NOT_CLAIMED", "Only a claimed reminder can be marked delivered.");
        }

        State = ReminderState.Delivered;
        DeliveredAt = now;
        Version++;
    }
}
