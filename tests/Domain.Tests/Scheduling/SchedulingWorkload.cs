using CleanAssistant.Domain.Scheduling;
using NodaTime;

namespace CleanAssistant.Domain.Tests.Scheduling;

/// <summary>
/// A large, reproducible meeting request for benchmarks: dense calendars in five zones, all statuses, all-day events,
/// buffers and preferences. Self-contained (Domain and NodaTime only), so a benchmark project can link this file.
/// </summary>
public static class SchedulingWorkload
{
    private static readonly string[] Zones = ["Europe/Berlin", "Europe/London", "Europe/Paris", "America/New_York", "Europe/Madrid"];

    /// <summary>Monday 2 June 2025, 00:00 UTC: the start of the window.</summary>
    public static readonly Instant WindowStart = Instant.FromUtc(2025, 6, 2, 0, 0);

    /// <summary>
    /// A 30-minute meeting over <paramref name="weeks"/> weeks: the first three people required (the first organizes),
    /// the rest optional; each person has <paramref name="eventsPerPerson"/> blocks inside the window.
    /// </summary>
    public static MeetingRequest Create(int seed, int people = 10, int eventsPerPerson = 2000, int weeks = 4)
    {
        var random = new Random(seed);
        var window = new Interval(WindowStart, WindowStart + Duration.FromDays(7 * weeks));
        var fiveMinuteSteps = (int)((window.End - window.Start).TotalMinutes / 5);
        var attendees = new List<Attendee>(people);
        for (var p = 0; p < people; p++)
        {
            var zone = DateTimeZoneProviders.Tzdb[Zones[p % Zones.Length]];
            var busy = new List<BusyBlock>(eventsPerPerson);
            for (var e = 0; e < eventsPerPerson; e++)
            {
                busy.Add(random.NextDouble() < 0.01
                    ? AllDayEvent(random, zone, window, weeks)
                    : TimedEvent(random, window.Start + Duration.FromMinutes(5 * random.Next(fiveMinuteSteps))));
            }

            var preferences = new SchedulingPreferences
            {
                BufferBefore = p % 3 == 0 ? Duration.FromMinutes(10) : Duration.Zero,
                BufferAfter = p % 3 == 0 ? Duration.FromMinutes(5) : Duration.Zero,
                PreferredTimeOfDay = (TimeOfDayPreference)(p % 3),
            };
            attendees.Add(new Attendee($"person{p}@example.com", $"Person {p}", WorkingHours.Default(zone), busy)
            {
                Preferences = preferences,
                IsOptional = p >= 3,
            });
        }

        return new MeetingRequest(attendees, Duration.FromMinutes(30), window, WindowStart - Duration.FromDays(1))
        {
            MinimumNotice = Duration.FromHours(1),
            MaxCandidates = 5,
        };
    }

    private static BusyBlock TimedEvent(Random random, Instant start)
    {
        // Short and often transparent (reminders, tasks), so that a dense calendar still has gaps.
        var roll = random.NextDouble();
        var status = roll < 0.45 ? Availability.Free : roll < 0.55 ? Availability.Tentative : Availability.Busy;
        var duration = Duration.FromMinutes(5 * random.Next(1, 7));
        return new BusyBlock(start, start + duration, status, IsAllDay: false, NewGuid(random), IsFlexible: random.NextDouble() < 0.1);
    }

    private static BusyBlock AllDayEvent(Random random, DateTimeZone zone, Interval window, int weeks)
    {
        var date = window.Start.InZone(zone).Date.PlusDays(random.Next(7 * weeks));
        var roll = random.NextDouble();
        var status = roll < 0.7 ? Availability.Free : roll < 0.9 ? Availability.WorkingElsewhere : Availability.OutOfOffice;
        return new BusyBlock(zone.AtStartOfDay(date).ToInstant(), zone.AtStartOfDay(date.PlusDays(1)).ToInstant(), status, IsAllDay: true, NewGuid(random));
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
