using System.Runtime.Serialization;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Scheduling;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Ical.Net.Serialization.DataTypes;
using NodaTime;
using NodaTime.TimeZones;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace CleanAssistant.Infrastructure.Ics;

/// <summary>
/// iCalendar files through Ical.Net. Writes DTSTART;TZID=… with a VTIMEZONE for every zone used, DATE values for
/// all-day events, RRULE, EXDATE, and overrides as VEVENTs with the series' UID and a RECURRENCE-ID. Reads what
/// Google Calendar, Outlook and Apple Calendar write, mapping Windows zone names and custom VTIMEZONEs to IANA ids.
/// </summary>
internal sealed class IcalNetCalendarFileFormat : ICalendarFileFormat
{
    public const string ProductId = "-//CleanAssistant//CleanAssistant Calendar//EN";
    private const string BusyStatus = "X-MICROSOFT-CDO-BUSYSTATUS";
    private const string Utc = "UTC";

    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;

    public string Write(CalendarFileContent content)
    {
        var calendar = new IcalCalendar { ProductId = ProductId, Scale = "GREGORIAN" };
        if (!string.IsNullOrWhiteSpace(content.CalendarName))
        {
            calendar.AddProperty("X-WR-CALNAME", content.CalendarName);
        }

        var series = content.Events.Where(e => e.RecurrenceId is null).GroupBy(e => e.Uid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var zone in content.Events.Where(e => !e.IsAllDay && e.TimeZone != Utc).GroupBy(e => e.TimeZone, StringComparer.Ordinal))
        {
            // Rules from a year before the first event, so every reader can place every occurrence.
            var earliest = zone.Min(e => e.Start).Date.PlusYears(-1);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Key, new DateTime(earliest.Year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), includeHistoricalData: false));
        }

        foreach (var item in content.Events)
        {
            calendar.Events.Add(ToVEvent(item, item.RecurrenceId is null ? null : series.GetValueOrDefault(item.Uid)));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public CalendarFileContent Read(string text, string defaultTimeZone)
    {
        if (!text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("The file is not an iCalendar (.ics) file: it must start with BEGIN:VCALENDAR.");
        }

        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(text);
        }
        catch (Exception exception) when (exception is SerializationException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw Invalid($"The iCalendar file is broken: {exception.Message}");
        }

        if (calendar is null)
        {
            throw Invalid("The file holds no calendar.");
        }

        var reader = new Reader(calendar, defaultTimeZone, EventLines(text));
        return reader.Read();
    }

    private static IcalEvent ToVEvent(CalendarFileEvent item, CalendarFileEvent? series)
    {
        var vevent = new IcalEvent
        {
            Uid = item.Uid,
            Summary = item.Title,
            Description = item.Description,
            Location = item.Location,
            DtStart = ToCalDateTime(item.Start, item.TimeZone, item.IsAllDay),
            DtEnd = ToCalDateTime(item.End, item.TimeZone, item.IsAllDay),
            Transparency = item.ShowAs is Availability.Free or Availability.WorkingElsewhere ? "TRANSPARENT" : "OPAQUE",
        };
        if (item.LastModified is { } modified)
        {
            vevent.DtStamp = new CalDateTime(modified.ToDateTimeUtc(), Utc);
            vevent.LastModified = new CalDateTime(modified.ToDateTimeUtc(), Utc);
        }

        if (item.ShowAs == Availability.Tentative)
        {
            vevent.Status = "TENTATIVE";
        }

        vevent.AddProperty(BusyStatus, item.ShowAs switch
        {
            Availability.Free => "FREE",
            Availability.Tentative => "TENTATIVE",
            Availability.OutOfOffice => "OOF",
            Availability.WorkingElsewhere => "WORKINGELSEWHERE",
            _ => "BUSY",
        });

        if (item.Recurrence is { } rule)
        {
            vevent.RecurrenceRule = new RecurrencePattern(rule);
            vevent.ExceptionDates.AddRange((item.ExceptionDates ?? []).Select(d => ToCalDateTime(d, item.TimeZone, item.IsAllDay)));
        }

        if (item.RecurrenceId is { } recurrenceId)
        {
            var of = series ?? item;
            vevent.RecurrenceIdentifier = new RecurrenceIdentifier(ToCalDateTime(recurrenceId, of.TimeZone, of.IsAllDay));
        }

        return vevent;
    }

    private static CalDateTime ToCalDateTime(LocalDateTime local, string zone, bool isAllDay) =>
        isAllDay
            ? new CalDateTime(local.Date.ToDateOnly())
            : new CalDateTime(local.Date.ToDateOnly(), local.TimeOfDay.ToTimeOnly(), zone == Utc ? Utc : zone);

    /// <summary>1-based line of every BEGIN:VEVENT, in file order, to say where a problem is.</summary>
    private static List<int> EventLines(string text)
    {
        var lines = new List<int>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.TrimEnd('\r').Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                lines.Add(number);
            }
        }

        return lines;
    }

    private static ValidationException Invalid(string message) => new([new ValidationFailure("file", message)]);

    /// <summary>Reads one loaded calendar; remembers how each TZID was resolved.</summary>
    private sealed class Reader(IcalCalendar calendar, string defaultTimeZone, List<int> lines)
    {
        private readonly Dictionary<string, string?> _zones = new(StringComparer.Ordinal);
        private readonly List<CalendarFileProblem> _problems = [];

        public CalendarFileContent Read()
        {
            var vevents = calendar.Children.OfType<IcalEvent>().ToList();
            var events = new List<CalendarFileEvent>();
            var seriesZones = new Dictionary<string, (string Zone, bool IsAllDay)>(StringComparer.Ordinal);
            var parsed = new List<(IcalEvent VEvent, CalendarFileEvent Event)>();
            for (var i = 0; i < vevents.Count; i++)
            {
                var line = i < lines.Count ? lines[i] : (int?)null;
                var vevent = vevents[i];
                try
                {
                    var item = ReadEvent(vevent, line);
                    parsed.Add((vevent, item));
                    if (vevent.RecurrenceIdentifier is null)
                    {
                        seriesZones.TryAdd(item.Uid, (item.TimeZone, item.IsAllDay));
                    }
                }
                catch (UnreadableEventException exception)
                {
                    _problems.Add(new CalendarFileProblem(line, vevent.Uid, exception.Message));
                }
            }

            foreach (var (vevent, item) in parsed)
            {
                if (vevent.RecurrenceIdentifier?.StartTime is not { } recurrenceId)
                {
                    events.Add(item);
                    continue;
                }

                // RECURRENCE-ID names the original start in the series' zone (or as a date for all-day series).
                var (zone, isAllDay) = seriesZones.TryGetValue(item.Uid, out var found) ? found : (item.TimeZone, item.IsAllDay);
                var local = isAllDay && !recurrenceId.HasTime ? Local(recurrenceId, zone) : InZone(recurrenceId, zone);
                events.Add(item with { RecurrenceId = local });
            }

            var name = calendar.Properties.Get<string>("X-WR-CALNAME");
            return new CalendarFileContent(string.IsNullOrWhiteSpace(name) ? null : name, events, _problems);
        }

        private CalendarFileEvent ReadEvent(IcalEvent vevent, int? line)
        {
            var uid = string.IsNullOrWhiteSpace(vevent.Uid) ? throw new UnreadableEventException("The event has no UID.") : vevent.Uid.Trim();
            var start = vevent.DtStart ?? throw new UnreadableEventException("The event has no valid DTSTART.");
            var isAllDay = !start.HasTime;
            var zone = isAllDay ? defaultTimeZone : ZoneOf(start);
            var startLocal = isAllDay ? Local(start, zone) : InZone(start, zone);
            var end = vevent.DtEnd is { } dtEnd
                ? (isAllDay ? Local(dtEnd, zone) : InZone(dtEnd, zone))
                : vevent.Duration is not null && vevent.End is { } computed
                    ? (isAllDay ? Local(computed, zone) : InZone(computed, zone))
                    : isAllDay ? startLocal.PlusDays(1) : startLocal;
            if (!isAllDay && vevent.DtEnd is null && vevent.Duration is null)
            {
                // RFC 5545: no end and no duration is an instant; we give it a minute so it can be shown.
                end = startLocal.PlusMinutes(1);
            }

            string? rule = null;
            var exceptions = new List<LocalDateTime>();
            if (vevent.RecurrenceRule is { } pattern)
            {
                rule = new RecurrenceRuleSerializer().SerializeToString(pattern);
                foreach (var date in vevent.ExceptionDates.GetAllDates())
                {
                    exceptions.Add(isAllDay || !date.HasTime ? Local(date, zone).Date + startLocal.TimeOfDay : InZone(date, zone));
                }
            }

            var status = vevent.Status?.Trim().ToUpperInvariant();
            return new CalendarFileEvent(
                uid,
                vevent.Summary ?? string.Empty,
                startLocal,
                end,
                zone,
                isAllDay,
                vevent.Description,
                vevent.Location,
                rule,
                exceptions,
                RecurrenceId: null,
                ShowAs(vevent, status),
                IsCancelled: status == "CANCELLED",
                LastModified: null,
                Line: line);
        }

        private static Availability ShowAs(IcalEvent vevent, string? status)
        {
            var busy = vevent.Properties.Get<string>(BusyStatus)?.Trim().ToUpperInvariant();
            return busy switch
            {
                "FREE" => Availability.Free,
                "TENTATIVE" => Availability.Tentative,
                "OOF" => Availability.OutOfOffice,
                "WORKINGELSEWHERE" => Availability.WorkingElsewhere,
                "BUSY" => Availability.Busy,
                _ when string.Equals(vevent.Transparency?.Trim(), "TRANSPARENT", StringComparison.OrdinalIgnoreCase) => Availability.Free,
                _ when status == "TENTATIVE" => Availability.Tentative,
                _ => Availability.Busy,
            };
        }

        /// <summary>The IANA zone of a date-time value: its TZID mapped, UTC kept, floating in the user's zone.</summary>
        private string ZoneOf(CalDateTime value)
        {
            if (value.IsUtc)
            {
                return Utc;
            }

            if (value.IsFloating || string.IsNullOrWhiteSpace(value.TzId))
            {
                return defaultTimeZone;
            }

            if (!_zones.TryGetValue(value.TzId, out var zone))
            {
                zone = ResolveZone(value.TzId);
                _zones[value.TzId] = zone;
            }

            return zone ?? throw new UnreadableEventException($"The time zone '{value.TzId}' is not known and its VTIMEZONE could not be matched to one.");
        }

        /// <summary>The wall-clock time of a value in <paramref name="zone"/>, converting from its own zone when it differs.</summary>
        private LocalDateTime InZone(CalDateTime value, string zone)
        {
            var own = value.HasTime ? ZoneOf(value) : zone;
            var local = Local(value, own);
            return own == zone ? local : local.InZoneLeniently(Tzdb[own]).WithZone(Tzdb[zone]).LocalDateTime;
        }

        private static LocalDateTime Local(CalDateTime value, string zone)
        {
            _ = zone;
            var time = value.Time ?? TimeOnly.MinValue;
            return new LocalDateTime(value.Year, value.Month, value.Day, time.Hour, time.Minute, time.Second);
        }

        private string? ResolveZone(string tzid)
        {
            var id = tzid.Trim().Trim('"');
            if (Known(id) is { } direct)
            {
                return direct;
            }

            if (TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(id, out var fromWindows))
            {
                return fromWindows;
            }

            // "/mozilla.org/20050126_1/Europe/Berlin", "/softwarestudio.org/Olson_20011030_5/America/New_York"
            var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < parts.Length; i++)
            {
                if (Known(string.Join('/', parts[i..])) is { } suffix)
                {
                    return suffix;
                }
            }

            var definition = calendar.TimeZones.FirstOrDefault(z => string.Equals(z.TzId, tzid, StringComparison.Ordinal));
            if (definition is null)
            {
                return null;
            }

            if (Known(definition.Properties.Get<string>("X-LIC-LOCATION")) is { } location)
            {
                return location;
            }

            return MatchOffsets(definition);
        }

        /// <summary>
        /// A custom VTIMEZONE (Outlook's "(UTC+01:00) Amsterdam, Berlin, …") as the IANA zone with the same standard and
        /// daylight offsets: the user's own zone when it fits, else the first Windows zone's primary IANA zone that does.
        /// </summary>
        private string? MatchOffsets(VTimeZone definition)
        {
            var offsets = definition.Children.OfType<ICalendarComponent>()
                .Select(c => c.Properties.Get<UtcOffset>("TZOFFSETTO"))
                .OfType<UtcOffset>()
                .Select(o => Offset.FromTimeSpan(o.Offset))
                .ToHashSet();
            if (offsets.Count == 0)
            {
                return null;
            }

            var year = 2025;
            var january = Instant.FromUtc(year, 1, 15, 12, 0);
            var july = Instant.FromUtc(year, 7, 15, 12, 0);
            bool Fits(string id)
            {
                var zone = Tzdb.GetZoneOrNull(id);
                return zone is not null && new HashSet<Offset> { zone.GetUtcOffset(january), zone.GetUtcOffset(july) }.SetEquals(offsets);
            }

            return Fits(defaultTimeZone)
                ? defaultTimeZone
                : TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).FirstOrDefault(Fits);
        }

        private static string? Known(string? id) => string.IsNullOrWhiteSpace(id) ? null : Tzdb.GetZoneOrNull(id.Trim())?.Id;
    }

    private sealed class UnreadableEventException(string message) : Exception(message);
}
