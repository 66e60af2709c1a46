using CleanAssistant.Domain.Calendars;
using NodaTime;

namespace CleanAssistant.Application.Calendars;

public sealed record CalendarDto(CalendarId Id, string Name, bool IsDefault, Instant CreatedAt, int Version);
