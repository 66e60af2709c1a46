using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using Mapster;
using NodaTime;

namespace CleanAssistant.Application.Common.Mapping;

/// <summary>
/// Ids and NodaTime values are copied as they are. Without this, Mapster rebuilds structs member by
/// member, and its projections carry constants the database provider refuses to translate.
/// </summary>
internal sealed class ValueTypeMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<UserId, UserId>().MapWith(id => id);
        config.NewConfig<CalendarId, CalendarId>().MapWith(id => id);
        config.NewConfig<EventId, EventId>().MapWith(id => id);
        config.NewConfig<Instant, Instant>().MapWith(instant => instant);
        config.NewConfig<UserPreferences, UserPreferences>().MapWith(preferences => preferences);
    }
}
