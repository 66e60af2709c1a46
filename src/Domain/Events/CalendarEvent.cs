using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Events;

public readonly record struct EventId(Guid Value)
{
    public static EventId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// Something in a calendar. Times are stored as UTC instants together with the IANA zone the
/// event was made in, so the local wall-clock time can always be recovered. Deletion is soft.
/// </summary>
public sealed class CalendarEvent : Entity<EventId>, IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxLocationLength = 300;
    public const int MaxIdempotencyKeyLength = 100;

    private CalendarEvent()
    {
        Title = string.Empty;
        TimeZone = TimeZoneId.Utc;
    }

    public CalendarId CalendarId { get; private set; }

    public UserId OwnerId { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public string? Location { get; private set; }

    /// <summary>First instant of the event (for all-day events: the start of the first day in <see cref="TimeZone"/>).</summary>
    public Instant Start { get; private set; }

    /// <summary>Instant the event ends, exclusive.</summary>
    public Instant End { get; private set; }

    public TimeZoneId TimeZone { get; private set; }

    public bool IsAllDay { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public bool IsDeleted { get; private set; }

    public Instant? DeletedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The client's key for the request that created the event: a retried request finds this event instead of making another.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>How the time shows to others and to conflict checks; <see cref="Availability.Free"/> never conflicts.</summary>
    public Availability ShowAs { get; private set; } = Availability.Busy;

    /// <summary>The owner allows the assistant to move this event to resolve a conflict.</summary>
    public bool IsFlexible { get; private set; }

    public EventTime Time => IsAllDay
        ? EventTime.AllDay(Start.InZone(TimeZone.Zone).Date, End.InZone(TimeZone.Zone).Date, TimeZone)
        : EventTime.Timed(Start, End, TimeZone);

    public static CalendarEvent Schedule(
        Calendar calendar,
        EventDetails details,
        EventTime time,
        Instant now,
        string? idempotencyKey = null,
        Availability showAs = Availability.Busy,
        bool isFlexible = false)
    {
        if (calendar.IsDeleted)
        {
            throw new DomainException("CALENDAR_DELETED", "Events cannot be added to a deleted calendar.");
        }

        var calendarEvent = new CalendarEvent
        {
            Id = EventId.New(),
            CalendarId = calendar.Id,
            OwnerId = calendar.OwnerId,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            IdempotencyKey = Guard.OptionalText(idempotencyKey, "Idempotency key", MaxIdempotencyKeyLength),
            ShowAs = showAs,
            IsFlexible = isFlexible,
        };
        calendarEvent.Apply(details);
        calendarEvent.Apply(time);
        calendarEvent.Raise(new EventScheduled(calendarEvent.Id, calendarEvent.OwnerId));
        return calendarEvent;
    }

    public void ChangeDetails(EventDetails details, Instant now)
    {
        EnsureNotDeleted();
        Apply(details);
        Touch(now);
    }

    public void Reschedule(EventTime time, Instant now)
    {
        EnsureNotDeleted();
        Apply(time);
        Touch(now);
    }

    public void ChangeAvailability(Availability showAs, bool isFlexible, Instant now)
    {
        EnsureNotDeleted();
        ShowAs = showAs;
        IsFlexible = isFlexible;
        Touch(now);
    }

    public void MoveTo(Calendar calendar, Instant now)
    {
        EnsureNotDeleted();
        if (calendar.OwnerId != OwnerId || calendar.IsDeleted)
        {
            throw new DomainException("INVALID_CALENDAR", "Events can only move to another calendar of their owner.");
        }

        CalendarId = calendar.Id;
        Touch(now);
    }

    public void Delete(Instant now)
    {
        if (IsDeleted)
        {
            return;
        }

        IsDeleted = true;
        DeletedAt = now;
        Version++;
        UpdatedAt = now;
        Raise(new EventDeleted(Id, OwnerId));
    }

    private void Apply(EventDetails details)
    {
        Title = details.Title;
        Description = details.Description;
        Location = details.Location;
    }

    private void Apply(EventTime time)
    {
        Start = time.Start;
        End = time.End;
        TimeZone = time.TimeZone;
        IsAllDay = time.IsAllDay;
    }

    private void Touch(Instant now)
    {
        UpdatedAt = now;
        Version++;
        Raise(new EventChanged(Id, OwnerId));
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("EVENT_DELETED", "A deleted event cannot be changed.");
        }
    }
}

public sealed record EventScheduled(EventId EventId, UserId OwnerId) : IDomainEvent;

public sealed record EventChanged(EventId EventId, UserId OwnerId) : IDomainEvent;

public sealed record EventDeleted(EventId EventId, UserId OwnerId) : IDomainEvent;
