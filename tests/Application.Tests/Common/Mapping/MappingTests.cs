using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Users;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using Mapster;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Common.Mapping;

/// <summary>Mapster's configuration is global, so every test that touches it lives in this one class.</summary>
public class MappingTests
{
    private readonly TypeAdapterConfig _config = DependencyInjection.ConfigureMapping();

    [Fact]
    public void ConfigureMapping_CompilesEveryRegisteredMapping() =>
        Should.NotThrow(() => DependencyInjection.ConfigureMapping().Compile());

    [Fact]
    public void User_ToUserDto_MapsTheTimeZoneToItsIanaId()
    {
        var user = User.Register("alice@example.com", "Alice", "hash", NewYork, UserRole.Admin, Now);

        var dto = user.Adapt<UserDto>(_config);

        dto.ShouldBe(new UserDto(user.Id, "alice@example.com", "Alice", "America/New_York", UserRole.Admin, Now, UserPreferences.Default));
    }

    [Fact]
    public void User_ProjectedToUserDto_MapsTheTimeZoneToItsIanaId()
    {
        var user = User.Register("alice@example.com", "Alice", "hash", Berlin, UserRole.User, Now);

        var dto = new[] { user }.AsQueryable().ProjectToType<UserDto>(_config).Single();

        dto.Id.ShouldBe(user.Id);
        dto.TimeZone.ShouldBe("Europe/Berlin");
    }

    [Fact]
    public void CalendarEvent_ToEventDto_CopiesTimesIdsAndZone()
    {
        var calendar = Calendar.Create(UserId.New(), "Work", isDefault: false, Now);
        var time = Timed(Utc(2025, 6, 3, 10), minutes: 45, NewYork);
        var calendarEvent = CalendarEvent.Schedule(calendar, EventDetails.Create("Dentist", location: "Main St 1"), time, Now);

        var dto = calendarEvent.Adapt<EventDto>(_config);

        dto.ShouldBe(new EventDto(
            calendarEvent.Id, calendar.Id, "Dentist", null, "Main St 1", time.Start, time.End, "America/New_York",
            IsAllDay: false, CreatedAt: Now, UpdatedAt: Now, Version: 1, ShowAs: Availability.Busy, IsFlexible: false));
        new[] { calendarEvent }.AsQueryable().ProjectToType<EventDto>(_config).Single().ShouldBe(dto);
    }

    [Fact]
    public void Calendar_ToCalendarDto_CopiesEveryField()
    {
        var calendar = Calendar.Create(UserId.New(), "Personal", isDefault: true, Now);

        calendar.Adapt<CalendarDto>(_config).ShouldBe(new CalendarDto(calendar.Id, "Personal", IsDefault: true, Now, Version: 1));
    }
}
