using CleanAssistant.Domain.Scheduling;
using NodaTime;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>
/// Reads and writes calendar files (iCalendar, RFC 5545). The records below are all the use cases
/// see: times are wall-clock times in an IANA zone, so no file-format types leak into Application.
/// </summary>
public interface ICalendarFileFormat
{
    /// <summary>The file text of a calendar, with the time zone definitions its events use.</summary>
    string Write(CalendarFileContent content);

    /// <summary>
    /// Reads a calendar file. Times without a zone ("floating") are taken in <paramref name="defaultTimeZone"/>,
    /// as are all-day events; zones are mapped to IANA ids where possible. Events that cannot be read
    /// are left out and reported in <see cref="CalendarFileContent.Problems"/>.
    /// </summary>
    /// <exception cref="Exceptions.ValidationException">The text is not an iCalendar file, or it is broken.</exception>
    CalendarFileContent Read(string text, string defaultTimeZone);
}

/// <summary>A calendar file's content: its name (X-WR-CALNAME), its events, and what could not be read.</summary>
public sealed record CalendarFileContent(string? CalendarName, IReadOnlyList<CalendarFileEvent> Events, IReadOnlyList<CalendarFileProblem>? Problems = null);

/// <summary>
/// One VEVENT. <see cref="Start"/> and <see cref="End"/> (exclusive) are wall-clock times in <see cref="TimeZone"/>;
/// for an all-day event only their dates count. An override of one occurrence has the <see cref="Uid"/> of its
/// series and a <see cref="RecurrenceId"/>: the occurrence's original start in the series' zone.
/// </summary>
public sealed record CalendarFileEvent(
    string Uid,
    string Title,
    LocalDateTime Start,
    LocalDateTime End,
    string TimeZone,
    bool IsAllDay = false,
    string? Description = null,
    string? Location = null,
    string? Recurrence = null,
    IReadOnlyList<LocalDateTime>? ExceptionDates = null,
    LocalDateTime? RecurrenceId = null,
    Availability ShowAs = Availability.Busy,
    bool IsCancelled = false,
    Instant? LastModified = null,
    int? Line = null);

/// <summary>Why one VEVENT was left out: where it starts in the file (1-based line), its UID, and the reason.</summary>
public sealed record CalendarFileProblem(int? Line, string? Uid, string Message);
