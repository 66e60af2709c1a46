using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Tests;

/// <summary>Valid domain objects with sensible defaults; tests name only what they are about.</summary>
internal static class Builders
{
    public static readonly Instant Now = Instant.FromUtc(2025, 6, 2, 9, 0);

    public static TimeZoneId Berlin => TimeZoneId.From("Europe/Berlin");

    public static TimeZoneId NewYork => TimeZoneId.From("America/New_York");

    public static Instant Utc(int year, int month, int day, int hour, int minute = 0) =>
        Instant.FromUtc(year, month, day, hour, minute);

    public static Calendar ACalendar(UserId? owner = null, string name = "Work", bool isDefault = false) =>
        Calendar.Create(owner ?? UserId.New(), name, isDefault, Now);

    public static Calendar ADeletedCalendar(UserId? owner = null)
    {
        var calendar = ACalendar(owner);
        calendar.Delete(Now);
        return calendar;
    }

    public static EventDetails Details(string title = "Dentist", string? description = null, string? location = null) =>
        EventDetails.Create(title, description, location);

    /// <summary>An hour-long timed event, 10:00–11:00 UTC on 3 June 2025 unless told otherwise.</summary>
    public static EventTime AnHour(Instant? start = null, TimeZoneId? zone = null)
    {
        var from = start ?? Utc(2025, 6, 3, 10);
        return EventTime.Timed(from, from + Duration.FromHours(1), zone ?? Berlin);
    }

    public static CalendarEvent AnEvent(Calendar? calendar = null, EventDetails? details = null, EventTime? time = null, Instant? now = null) =>
        CalendarEvent.Schedule(calendar ?? ACalendar(), details ?? Details(), time ?? AnHour(), now ?? Now);

    public static User AUser(string email = "alice@example.com", UserRole role = UserRole.User, TimeZoneId? zone = null) =>
        User.Register(email, "Alice", "hash", zone ?? Berlin, role, Now);
}
