using System.Text;
using CleanAssistant.Application.Calendars.ExportCalendar;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Recurrence;
using FluentValidation;
using Mapster;
using Mediator;
using ValidationException = CleanAssistant.Application.Common.Exceptions.ValidationException;
using NodaTime;

namespace CleanAssistant.Application.Calendars.ImportCalendar;

/// <summary>
/// Adds the events of an iCalendar file to one of the caller's calendars, or to a new one named after the file's
/// X-WR-CALNAME ("Imported" without one). All or nothing: one unit of work. Events already imported (same UID)
/// are skipped, so importing a file twice adds nothing the second time.
/// </summary>
public sealed record ImportCalendarCommand(CalendarId? CalendarId, string FileName, ReadOnlyMemory<byte> Content)
    : ICommand<ImportCalendarResult>, IRequireUser;

/// <summary>What an import did: the calendar, how many events it added and left out, and why each left-out one failed.</summary>
public sealed record ImportCalendarResult(CalendarDto Calendar, int Imported, int Skipped, IReadOnlyList<CalendarFileProblem> Problems);

public sealed class ImportCalendarCommandValidator : AbstractValidator<ImportCalendarCommand>
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxEvents = 10_000;

    public ImportCalendarCommandValidator()
    {
        RuleFor(c => c.FileName).MaximumLength(255).OverridePropertyName("file");
        RuleFor(c => c.Content.Length).GreaterThan(0).OverridePropertyName("file").WithMessage("The file is empty.");
        RuleFor(c => c.Content.Length).LessThanOrEqualTo(MaxBytes).OverridePropertyName("file")
            .WithMessage($"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
    }
}

public sealed class ImportCalendarCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, ICalendarFileFormat fileFormat, TimeProvider timeProvider)
    : ICommandHandler<ImportCalendarCommand, ImportCalendarResult>
{
    public const string DefaultCalendarName = "Imported";

    public async ValueTask<ImportCalendarResult> Handle(ImportCalendarCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var now = timeProvider.GetCurrentInstant();
        var userZone = await db.Users.Where(u => u.Id == owner).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UnauthenticatedException();
        var target = command.CalendarId is { } calendarId ? await db.GetOwnedAsync(calendarId, owner, cancellationToken) : null;

        var content = fileFormat.Read(Decode(command.Content.Span), userZone.ToString());
        if (content.Events.Count > ImportCalendarCommandValidator.MaxEvents)
        {
            throw new ValidationException([new ValidationFailure("file", $"The file has {content.Events.Count} events; at most {ImportCalendarCommandValidator.MaxEvents} can be imported at once.")]);
        }

        var calendar = target ?? Calendar.Create(owner, NameOf(content.CalendarName), isDefault: false, now);
        if (target is null)
        {
            db.Add(calendar);
        }

        var known = target is null
            ? []
            : (await db.Events.Where(e => e.CalendarId == calendar.Id).Select(e => new { e.Id, e.ExternalUid }).ToListAsync(cancellationToken))
                .SelectMany(e => new[] { e.ExternalUid, e.Id.Value + ExportCalendarQueryHandler.UidDomain })
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);

        // Some producers also list a changed occurrence in EXDATE; it must stay in the series to be detached.
        var overridden = content.Events.Where(e => e.RecurrenceId is not null).ToLookup(e => e.Uid, e => e.RecurrenceId!.Value);
        var import = new Import(calendar, now, known, overridden);
        foreach (var item in content.Events.Where(e => e.RecurrenceId is null))
        {
            import.AddSeriesOrSingle(item, db);
        }

        foreach (var item in content.Events.Where(e => e.RecurrenceId is not null))
        {
            import.AddOverride(item, db);
        }

        var problems = (content.Problems ?? []).Concat(import.Problems).OrderBy(p => p.Line ?? int.MaxValue).ToList();
        return new ImportCalendarResult(calendar.Adapt<CalendarDto>(), import.Imported, import.Skipped + (content.Problems?.Count ?? 0), problems);
    }

    private static string NameOf(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) ? DefaultCalendarName : Truncate(trimmed, Calendar.MaxNameLength)!;
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            // Old Outlook versions write Windows-1252; Latin-1 keeps every byte and the structure readable.
            return Encoding.Latin1.GetString(bytes);
        }
    }

    internal static string? Truncate(string? text, int max) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>The state of one import: what is already there, what was added, and what failed.</summary>
    private sealed class Import(Calendar calendar, Instant now, HashSet<string> known, ILookup<string, LocalDateTime> overridden)
    {
        private readonly Dictionary<string, CalendarEvent?> _series = new(StringComparer.Ordinal);

        public int Imported { get; private set; }

        public int Skipped { get; private set; }

        public List<CalendarFileProblem> Problems { get; } = [];

        public void AddSeriesOrSingle(CalendarFileEvent item, IApplicationDbContext db)
        {
            if (_series.ContainsKey(item.Uid))
            {
                Fail(item, "Another event in the file has the same UID.");
                return;
            }

            if (known.Contains(item.Uid) || item.IsCancelled)
            {
                // Already imported (or cancelled): its overrides are left out with it.
                _series[item.Uid] = null;
                Skipped++;
                return;
            }

            try
            {
                var details = Details(item);
                var time = Time(item);
                var recurrence = string.IsNullOrWhiteSpace(item.Recurrence) ? null : RecurrenceRule.Parse(item.Recurrence);
                var created = CalendarEvent.Schedule(calendar, details, time, now, showAs: item.ShowAs, recurrence: recurrence);
                created.LinkExternalUid(item.Uid);
                foreach (var date in recurrence is null ? [] : (item.ExceptionDates ?? []).Except(overridden[item.Uid]))
                {
                    TryExclude(created, date);
                }

                db.Add(created);
                _series[item.Uid] = created;
                Imported++;
            }
            catch (DomainException exception)
            {
                _series[item.Uid] = null;
                Fail(item, exception.Message);
            }
        }

        public void AddOverride(CalendarFileEvent item, IApplicationDbContext db)
        {
            var recurrenceId = item.RecurrenceId!.Value;
            if (!_series.TryGetValue(item.Uid, out var series))
            {
                // A changed occurrence whose series is not in the file (e.g. one instance of an invitation):
                // it stays an event of its own, under a UID that finds it again.
                AddSeriesOrSingle(item with { Uid = $"{item.Uid}#{recurrenceId:uuuuMMdd'T'HHmmss}", RecurrenceId = null, Recurrence = null }, db);
                return;
            }

            if (series is null)
            {
                Skipped++;
                return;
            }

            try
            {
                if (item.IsCancelled)
                {
                    series.ExcludeOccurrence(recurrenceId, now);
                    Skipped++;
                    return;
                }

                // Checked before the series is touched, so a bad override leaves the series whole.
                var details = Details(item);
                var time = Time(item);
                var detached = series.DetachOccurrence(recurrenceId, calendar, now);
                detached.ChangeDetails(details, now);
                detached.Reschedule(time, now);
                detached.ChangeAvailability(item.ShowAs, isFlexible: false, now);
                db.Add(detached);
                Imported++;
            }
            catch (DomainException exception)
            {
                Fail(item, exception.Message);
            }
        }

        private static void TryExclude(CalendarEvent series, LocalDateTime date)
        {
            try
            {
                series.ExcludeOccurrence(date, series.UpdatedAt);
            }
            catch (DomainException)
            {
                // An EXDATE that matches no occurrence takes nothing away.
            }
        }

        private static EventDetails Details(CalendarFileEvent item) =>
            EventDetails.Create(
                Truncate(string.IsNullOrWhiteSpace(item.Title) ? "(No title)" : item.Title.Trim(), CalendarEvent.MaxTitleLength)!,
                Truncate(item.Description?.Trim(), CalendarEvent.MaxDescriptionLength),
                Truncate(item.Location?.Trim(), CalendarEvent.MaxLocationLength));

        private static EventTime Time(CalendarFileEvent item)
        {
            var zone = TimeZoneId.From(item.TimeZone);
            if (item.IsAllDay)
            {
                return EventTime.AllDay(item.Start.Date, item.End.Date > item.Start.Date ? item.End.Date : item.Start.Date.PlusDays(1), zone);
            }

            return EventTime.Timed(item.Start.InZoneLeniently(zone.Zone).ToInstant(), item.End.InZoneLeniently(zone.Zone).ToInstant(), zone);
        }

        private void Fail(CalendarFileEvent item, string message)
        {
            Problems.Add(new CalendarFileProblem(item.Line, item.Uid, message));
            Skipped++;
        }
    }
}
