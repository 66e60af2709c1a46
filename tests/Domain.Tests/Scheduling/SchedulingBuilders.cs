using CleanAssistant.Domain.Scheduling;
using NodaTime;

namespace CleanAssistant.Domain.Tests.Scheduling;

/// <summary>Scheduling inputs around Monday 2 June 2025, in UTC unless a test says otherwise.</summary>
internal static class SchedulingBuilders
{
    public static readonly DateTimeZone Utc = DateTimeZone.Utc;

    /// <summary>Sunday 1 June 2025, midnight UTC: before every default window.</summary>
    public static readonly Instant Now = Instant.FromUtc(2025, 6, 1, 0, 0);

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    /// <summary>An instant in June 2025, UTC; day 2 is a Monday.</summary>
    public static Instant June(int day, int hour, int minute = 0) => Instant.FromUtc(2025, 6, day, hour, minute);

    public static Interval Between(Instant start, Instant end) => new(start, end);

    public static Duration Hours(double hours) => Duration.FromMinutes(hours * 60);

    public static Duration Minutes(int minutes) => Duration.FromMinutes(minutes);

    public static BusyBlock Block(Instant start, Instant end, Availability status = Availability.Busy, Guid? eventId = null, bool isFlexible = false) =>
        new(start, end, status, IsAllDay: false, eventId, isFlexible);

    public static BusyBlock AllDay(int juneDay, Availability status) =>
        new(June(juneDay, 0), June(juneDay + 1, 0), status, IsAllDay: true);

    public static Attendee Person(string name, params BusyBlock[] busy) => Person(name, Utc, busy);

    public static Attendee Person(string name, DateTimeZone zone, params BusyBlock[] busy) =>
        new(name.ToLowerInvariant(), name, WorkingHours.Default(zone), busy);

    public static Attendee WithHours(this Attendee attendee, int fromHour, int toHour) =>
        attendee with { WorkingHours = WorkingHours.Weekdays(attendee.WorkingHours.Zone, new LocalTime(fromHour, 0), new LocalTime(toHour, 0)) };

    public static Attendee Optional(this Attendee attendee) => attendee with { IsOptional = true };

    public static Attendee Prefers(this Attendee attendee, TimeOfDayPreference preference) =>
        attendee with { Preferences = attendee.Preferences with { PreferredTimeOfDay = preference } };

    public static Attendee Buffered(this Attendee attendee, int beforeMinutes, int afterMinutes) =>
        attendee with { Preferences = attendee.Preferences with { BufferBefore = Minutes(beforeMinutes), BufferAfter = Minutes(afterMinutes) } };

    /// <summary>A request for Monday 2 June, whole day, one hour, hourly grid, at most ten suggestions.</summary>
    public static MeetingRequest Meeting(params Attendee[] attendees) =>
        new(attendees, Hours(1), Between(June(2, 0), June(3, 0)), Now) { SlotStep = Hours(1), MaxCandidates = 10 };

    public static IReadOnlyList<Interval> Slots(params (Instant Start, Instant End)[] slots) =>
        slots.Select(s => new Interval(s.Start, s.End)).ToList();
}
