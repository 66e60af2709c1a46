using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Scheduling;
using Mapster;
using NodaTime;

namespace CleanAssistant.Application.Events;

public sealed record EventDto(
    EventId Id,
    CalendarId CalendarId,
    string Title,
    string? Description,
    string? Location,
    Instant Start,
    Instant End,
    string TimeZone,
    bool IsAllDay,
    Instant CreatedAt,
    Instant UpdatedAt,
    int Version,
    Availability ShowAs,
    bool IsFlexible)
{
    internal sealed class Mapping : IRegister
    {
        public void Register(TypeAdapterConfig config) =>
            config.NewConfig<CalendarEvent, EventDto>().Map(d => d.TimeZone, s => s.TimeZone.Value);
    }
}
