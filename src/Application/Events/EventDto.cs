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
    bool IsFlexible,
    string? Recurrence = null,
    LocalDateTime? RecurrenceId = null,
    EventId? SeriesId = null)
{
    /// <summary>True for one occurrence of a series (expanded, or changed on its own).</summary>
    public bool IsOccurrence => RecurrenceId is not null;

    internal sealed class Mapping : IRegister
    {
        public void Register(TypeAdapterConfig config) =>
            config.NewConfig<CalendarEvent, EventDto>()
                .Map(d => d.TimeZone, s => s.TimeZone.Value)
                .Map(d => d.Recurrence, s => s.Recurrence == null ? null : s.Recurrence.ToString());
    }
}
