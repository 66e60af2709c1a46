using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>Instants are stored as UTC date-times: <c>timestamptz</c> on PostgreSQL, sortable ISO text on SQLite.</summary>
internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)));

internal sealed class TimeZoneIdConverter() : ValueConverter<TimeZoneId, string>(zone => zone.Value, id => TimeZoneId.From(id));

internal sealed class UserIdConverter() : ValueConverter<UserId, Guid>(id => id.Value, value => new UserId(value));

internal sealed class CalendarIdConverter() : ValueConverter<CalendarId, Guid>(id => id.Value, value => new CalendarId(value));

internal sealed class EventIdConverter() : ValueConverter<EventId, Guid>(id => id.Value, value => new EventId(value));
