using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Recurrence;
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
    public const int MaxExternalUidLength = 500;

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

    /// <summary>RRULE of a recurring event; null for a single event. Occurrences start at the local time of <see cref="Start"/>.</summary>
    public RecurrenceRule? Recurrence { get; private set; }

    /// <summary>Occurrences taken out of the series (EXDATE), by their original local start.</summary>
    public IReadOnlyList<LocalDateTime> ExceptionDates { get; private set; } = [];

    /// <summary>When the last occurrence ends; null for a series without end. Lets queries skip series that are over.</summary>
    public Instant? SeriesEnd { get; private set; }

    /// <summary>For an occurrence changed on its own: the series it was taken from and its original local start (RECURRENCE-ID).</summary>
    public EventId? SeriesId { get; private set; }

    public LocalDateTime? RecurrenceId { get; private set; }

    /// <summary>UID of the event in the calendar file it was imported from: importing the file again finds it instead of adding it twice.</summary>
    public string? ExternalUid { get; private set; }

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
        bool isFlexible = false,
        RecurrenceRule? recurrence = null)
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
        calendarEvent.Recurrence = recurrence;
        calendarEvent.UpdateSeriesEnd();
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
        if (Recurrence is not null && ExceptionDates.Count > 0)
        {
            // Excluded occurrences are named by their local start: they move with the series, or they would come back.
            var shift = Period.Between(Start.InZone(TimeZone.Zone).LocalDateTime, time.Start.InZone(time.TimeZone.Zone).LocalDateTime);
            ExceptionDates = [.. ExceptionDates.Select(d => d + shift)];
        }

        Apply(time);
        Touch(now, timing: true);
    }

    public bool IsRecurring => Recurrence is not null;

    /// <summary>The series as RFC 5545 sees it; null for a single event.</summary>
    public RecurrenceSet? Series
    {
        get
        {
            if (Recurrence is null)
            {
                return null;
            }

            var zone = TimeZone.Zone;
            var start = Start.InZone(zone).LocalDateTime;
            return IsAllDay
                ? RecurrenceSet.AllDay(Recurrence, start.Date, Period.Between(start.Date, End.InZone(zone).Date, PeriodUnits.Days).Days, zone, ExceptionDates.Select(d => d.Date))
                : RecurrenceSet.Timed(Recurrence, start, zone, End - Start, ExceptionDates);
        }
    }

    /// <summary>The event's occurrences that overlap [from, to): itself for a single event.</summary>
    public IReadOnlyList<Occurrence> OccurrencesBetween(Instant from, Instant to)
    {
        if (Series is { } series)
        {
            return series.Expand(from, to);
        }

        return Start < to && from < End ? [new Occurrence(Start, End, Start.InZone(TimeZone.Zone).LocalDateTime)] : [];
    }

    /// <summary>Makes the event repeat (or, with null, stop repeating), starting from its current time.</summary>
    public void ChangeRecurrence(RecurrenceRule? recurrence, Instant now)
    {
        EnsureNotDeleted();
        if (SeriesId is not null && recurrence is not null)
        {
            throw new DomainException("INVALID_RECURRENCE", "A single changed occurrence of a series cannot repeat itself.");
        }

        Recurrence = recurrence;
        ExceptionDates = recurrence is null ? [] : ExceptionDates;
        UpdateSeriesEnd();
        Touch(now, timing: true);
    }

    /// <summary>Takes one occurrence out of the series ("delete this occurrence").</summary>
    public void ExcludeOccurrence(LocalDateTime recurrenceId, Instant now)
    {
        EnsureOccurrence(recurrenceId);
        ExceptionDates = [.. ExceptionDates.Append(recurrenceId).Distinct().Order()];
        Touch(now, timing: true);
    }

    /// <summary>Ends the series just before an occurrence ("this and following"); the first occurrence ends it whole.</summary>
    public void EndBefore(LocalDateTime recurrenceId, Instant now)
    {
        var occurrence = EnsureOccurrence(recurrenceId);
        var previous = Series!.Expand(Start, occurrence.Start).Where(o => o.Start < occurrence.Start).Select(o => (Occurrence?)o).LastOrDefault();
        if (previous is null)
        {
            Delete(now);
            return;
        }

        Recurrence = Recurrence!.EndingAt(previous.Value.Start);
        ExceptionDates = [.. ExceptionDates.Where(d => d < recurrenceId)];
        UpdateSeriesEnd();
        Touch(now, timing: true);
    }

    /// <summary>A stand-alone copy of one occurrence, to be changed on its own (an override with RECURRENCE-ID).</summary>
    public CalendarEvent DetachOccurrence(LocalDateTime recurrenceId, Calendar calendar, Instant now)
    {
        var time = TimeOf(EnsureOccurrence(recurrenceId));
        var detached = Schedule(calendar, EventDetails.Create(Title, Description, Location), time, now, showAs: ShowAs, isFlexible: IsFlexible);
        detached.SeriesId = Id;
        detached.RecurrenceId = recurrenceId;
        ExcludeOccurrence(recurrenceId, now);
        Raise(new OccurrencesSplitOff(Id, detached));
        return detached;
    }

    /// <summary>
    /// Ends this series before an occurrence and returns a new, identical series that starts with it
    /// ("this and following"), for the caller to change. A COUNT becomes the original last start as UNTIL.
    /// </summary>
    public CalendarEvent SplitAt(LocalDateTime recurrenceId, Calendar calendar, Instant now)
    {
        var time = TimeOf(EnsureOccurrence(recurrenceId));
        var rule = Recurrence!;
        var lastStart = rule.Count is not null && SeriesEnd is { } end ? Series!.Expand(end - Duration.FromTicks(1), end)[^1].Start : (Instant?)null;
        var laterExceptions = ExceptionDates.Where(d => d > recurrenceId).ToList();
        EndBefore(recurrenceId, now);
        var continued = Schedule(
            calendar, EventDetails.Create(Title, Description, Location), time, now, showAs: ShowAs, isFlexible: IsFlexible,
            recurrence: lastStart is { } last ? rule.EndingAt(last) : rule);
        continued.ExceptionDates = laterExceptions;
        continued.UpdateSeriesEnd();
        Raise(new OccurrencesSplitOff(Id, continued));
        return continued;
    }

    private EventTime TimeOf(Occurrence occurrence) => IsAllDay
        ? EventTime.AllDay(occurrence.Start.InZone(TimeZone.Zone).Date, occurrence.End.InZone(TimeZone.Zone).Date, TimeZone)
        : EventTime.Timed(occurrence.Start, occurrence.End, TimeZone);

    private Occurrence EnsureOccurrence(LocalDateTime recurrenceId)
    {
        EnsureNotDeleted();
        var series = Series ?? throw new DomainException("NOT_RECURRING", "This event does not repeat.");
        var near = recurrenceId.InZoneLeniently(TimeZone.Zone).ToInstant();
        return series.Expand(near - Duration.FromDays(2), near + Duration.FromDays(2)).Where(o => o.RecurrenceId == recurrenceId).Select(o => (Occurrence?)o).FirstOrDefault()
            ?? throw new DomainException("NO_SUCH_OCCURRENCE", $"The series has no occurrence at {recurrenceId}.");
    }

    private void UpdateSeriesEnd()
    {
        if (Series is not { } series)
        {
            SeriesEnd = End;
            return;
        }

        if (Recurrence!.Count is null && Recurrence.Until is null)
        {
            SeriesEnd = null;
            return;
        }

        // COUNT and UNTIL bound the series; expanding to a far horizon finds its real end.
        var occurrences = series.Expand(Start, Start + Duration.FromDays(366 * 100));
        SeriesEnd = occurrences.Count > 0 ? occurrences[^1].End : End;
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

    /// <summary>Remembers the UID the event has in the calendar file it came from.</summary>
    public void LinkExternalUid(string uid) => ExternalUid = Guard.Text(uid, "UID", MaxExternalUidLength);

    public void Delete(Instant now)
    {
        if (IsDeleted)
        {
            return;
        }

        // A deleted event no longer holds its UID: importing the file again brings it back.
        ExternalUid = null;
        IsDeleted = true;
        DeletedAt = now;
        Version++;
        UpdatedAt = now;
        Raise(new EventDeleted(Id, OwnerId));
    }

    public EventSnapshot Snapshot() =>
        new(Id, Title, Description, Location, Start, End, TimeZone.Value, IsAllDay, IsDeleted, Recurrence?.ToString(), ExceptionDates, Version);

    /// <summary>Puts the event back as it was when <paramref name="snapshot"/> was taken, deleted or not (undo).</summary>
    public void Revert(EventSnapshot snapshot, Instant now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.EventId != Id)
        {
            throw new DomainException("WRONG_SNAPSHOT", "The snapshot is of another event.");
        }

        Title = snapshot.Title;
        Description = snapshot.Description;
        Location = snapshot.Location;
        Recurrence = snapshot.Recurrence is null ? null : RecurrenceRule.Parse(snapshot.Recurrence);
        ExceptionDates = snapshot.ExceptionDates;
        var zone = TimeZoneId.From(snapshot.TimeZone);
        Apply(snapshot.IsAllDay
            ? EventTime.AllDay(snapshot.Start.InZone(zone.Zone).Date, snapshot.End.InZone(zone.Zone).Date, zone)
            : EventTime.Timed(snapshot.Start, snapshot.End, zone));
        UpdateSeriesEnd();
        IsDeleted = snapshot.IsDeleted;
        DeletedAt = snapshot.IsDeleted ? DeletedAt ?? now : null;
        Touch(now, timing: true);
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
        if (Recurrence is not null || SeriesEnd is not null)
        {
            UpdateSeriesEnd();
        }
    }

    /// <summary>Records a change at <paramref name="now"/>; <paramref name="timing"/> when the occurrences' times changed (moved, repeats differently, an occurrence taken out).</summary>
    private void Touch(Instant now, bool timing = false)
    {
        UpdatedAt = now;
        Version++;
        Raise(new EventChanged(Id, OwnerId, timing));
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

/// <summary>The event changed; <paramref name="TimingChanged"/> when its occurrences' times did (its reminders follow).</summary>
public sealed record EventChanged(EventId EventId, UserId OwnerId, bool TimingChanged = false) : IDomainEvent;

/// <summary>
/// A new event took over some of a series' occurrences: one changed occurrence (an override) or the series from an
/// occurrence on ("this and following"). It inherits the series' reminders.
/// </summary>
public sealed record OccurrencesSplitOff(EventId SeriesId, CalendarEvent NewEvent) : IDomainEvent;

public sealed record EventDeleted(EventId EventId, UserId OwnerId) : IDomainEvent;
