using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using CleanAssistant.Domain.Recurrence;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>Instants are stored as UTC date-times: <c>timestamptz</c> on PostgreSQL, sortable ISO text on SQLite.</summary>
internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)));

internal sealed class TimeZoneIdConverter() : ValueConverter<TimeZoneId, string>(zone => zone.Value, id => TimeZoneId.From(id));

internal sealed class UserIdConverter() : ValueConverter<UserId, Guid>(id => id.Value, value => new UserId(value));

internal sealed class CalendarIdConverter() : ValueConverter<CalendarId, Guid>(id => id.Value, value => new CalendarId(value));

internal sealed class EventIdConverter() : ValueConverter<EventId, Guid>(id => id.Value, value => new EventId(value));

internal sealed class ReminderIdConverter() : ValueConverter<ReminderId, Guid>(id => id.Value, value => new ReminderId(value));

internal sealed class RecurrenceRuleConverter() : ValueConverter<RecurrenceRule, string>(rule => rule.ToString(), text => RecurrenceRule.Parse(text));

/// <summary>Local date-times as sortable ISO text ("2026-12-01T09:00:00"): they have no zone, so no timestamp type fits.</summary>
internal sealed class LocalDateTimeConverter() : ValueConverter<LocalDateTime, string>(
    value => LocalDateTimePattern.ExtendedIso.Format(value),
    text => LocalDateTimePattern.ExtendedIso.Parse(text).Value);

/// <summary>EXDATEs as one comma-separated column: they are always read and written with their series.</summary>
internal sealed class LocalDateTimeListConverter() : ValueConverter<IReadOnlyList<LocalDateTime>, string>(
    values => string.Join(',', values.Select(v => LocalDateTimePattern.ExtendedIso.Format(v))),
    text => text.Length == 0 ? new List<LocalDateTime>() : text.Split(',', StringSplitOptions.None).Select(t => LocalDateTimePattern.ExtendedIso.Parse(t).Value).ToList());

internal sealed class LocalDateTimeListComparer() : ValueComparer<IReadOnlyList<LocalDateTime>>(
    (a, b) => a!.SequenceEqual(b!),
    list => list.Aggregate(0, (hash, value) => HashCode.Combine(hash, value)),
    list => list.ToList());
