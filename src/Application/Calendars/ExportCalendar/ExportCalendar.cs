using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Events;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Calendars.ExportCalendar;

/// <summary>One of the caller's calendars as an iCalendar file: series with their exceptions and changed occurrences, no deleted events.</summary>
public sealed record ExportCalendarQuery(CalendarId CalendarId) : IQuery<CalendarFile>, IRequireUser;

/// <summary>A calendar file: the name to save it under and its text.</summary>
public sealed record CalendarFile(string FileName, string Text);

public sealed class ExportCalendarQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, ICalendarFileFormat fileFormat)
    : IQueryHandler<ExportCalendarQuery, CalendarFile>
{
    /// <summary>UIDs of events that were not imported: stable, and recognised when the file comes back.</summary>
    public const string UidDomain = "@cleanassistant";

    public async ValueTask<CalendarFile> Handle(ExportCalendarQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var calendar = await db.Calendars.OwnedBy(owner).Where(c => c.Id == query.CalendarId).Select(c => new { c.Name }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Calendar", query.CalendarId);
        var events = await db.Events.Where(e => e.CalendarId == query.CalendarId && e.OwnerId == owner)
            .Select(e => new ExportedEvent(
                e.Id, e.Title, e.Description, e.Location, e.Start, e.End, e.TimeZone, e.IsAllDay, e.Recurrence, e.ExceptionDates,
                e.SeriesId, e.RecurrenceId, e.ShowAs, e.ExternalUid, e.UpdatedAt))
            .ToListAsync(cancellationToken);

        var series = events.Where(e => e.SeriesId is null).ToDictionary(e => e.Id);
        var overridden = events.Where(e => e.SeriesId is { } id && series.ContainsKey(id)).ToLookup(e => e.SeriesId!.Value, e => e.RecurrenceId!.Value);
        var fileEvents = events
            .OrderBy(e => e.SeriesId is null ? 0 : 1).ThenBy(e => e.Start)
            .Select(e =>
            {
                var master = e.SeriesId is { } id && series.TryGetValue(id, out var found) ? found : null;
                var zone = e.TimeZone.Zone;
                return new CalendarFileEvent(
                    Uid(master ?? e),
                    e.Title,
                    e.Start.InZone(zone).LocalDateTime,
                    e.End.InZone(zone).LocalDateTime,
                    e.TimeZone.Value,
                    e.IsAllDay,
                    e.Description,
                    e.Location,
                    e.Recurrence?.ToString(),
                    e.Recurrence is null ? null : [.. e.ExceptionDates.Except(overridden[e.Id])],
                    master is null ? null : e.RecurrenceId,
                    e.ShowAs,
                    LastModified: e.UpdatedAt);
            })
            .ToList();

        var text = fileFormat.Write(new CalendarFileContent(calendar.Name, fileEvents));
        return new CalendarFile(FileName(calendar.Name), text);
    }

    private static string Uid(ExportedEvent e) => e.ExternalUid ?? e.Id.Value.ToString() + UidDomain;

    private static string FileName(string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' ? c : '_')]).Trim();
        return (safe.Length == 0 ? "calendar" : safe) + ".ics";
    }

    private sealed record ExportedEvent(
        EventId Id,
        string Title,
        string? Description,
        string? Location,
        Instant Start,
        Instant End,
        Domain.Common.TimeZoneId TimeZone,
        bool IsAllDay,
        Domain.Recurrence.RecurrenceRule? Recurrence,
        IReadOnlyList<LocalDateTime> ExceptionDates,
        EventId? SeriesId,
        LocalDateTime? RecurrenceId,
        Domain.Scheduling.Availability ShowAs,
        string? ExternalUid,
        Instant UpdatedAt);
}
