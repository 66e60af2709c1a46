using System.Text.Json;
using CleanAssistant.Domain.Recurrence;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Benchmarks;

/// <summary>
/// 1,000 seeded series with a realistic mix (daily, weekly by weekday, monthly by day and by nth weekday, yearly),
/// each starting on an occurrence of its rule so that dateutil and RFC 5545 agree, expanded over 2026.
/// </summary>
public static class RecurrenceWorkload
{
    public const int SeriesCount = 1000;

    public static readonly Instant From = Instant.FromUtc(2026, 1, 1, 0, 0);
    public static readonly Instant To = Instant.FromUtc(2027, 1, 1, 0, 0);

    private static readonly string[] Zones =
    [
        "Europe/Berlin", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "America/Los_Angeles", "UTC",
    ];

    private static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static IReadOnlyList<Spec> Create()
    {
        var random = new Random(1000);
        var specs = new List<Spec>(SeriesCount);
        while (specs.Count < SeriesCount)
        {
            var zone = Zones[random.Next(Zones.Length)];
            var rule = RandomRule(random);
            var roughStart = new LocalDate(2023, 1, 1).PlusDays(random.Next(3 * 365)).At(new LocalTime(7 + random.Next(12), 15 * random.Next(4)));
            var duration = Duration.FromMinutes(15 * random.Next(1, 9));
            var probe = RecurrenceSet.Timed(RecurrenceRule.Parse(rule), roughStart, DateTimeZoneProviders.Tzdb[zone], duration);
            var matches = probe.Expand(Instant.MinValue, Instant.FromUtc(2100, 1, 1, 0, 0));
            if (matches.Count > 1)
            {
                specs.Add(new Spec(rule, matches[1].RecurrenceId, zone, duration));
            }
        }

        return specs;
    }

    public static int ExpandAll()
    {
        var total = 0;
        foreach (var series in Build(Create()))
        {
            total += series.Expand(From, To).Count;
        }

        return total;
    }

    public static IReadOnlyList<RecurrenceSet> Build(IReadOnlyList<Spec> specs) =>
        [.. specs.Select(s => RecurrenceSet.Timed(RecurrenceRule.Parse(s.Rule), s.Start, DateTimeZoneProviders.Tzdb[s.Zone], s.Duration))];

    public static void WriteJson(string path)
    {
        var pattern = LocalDateTimePattern.GeneralIso;
        var json = new
        {
            from = InstantPattern.General.Format(From),
            to = InstantPattern.General.Format(To),
            series = Create().Select(s => new
            {
                rule = s.Rule,
                dtstart = pattern.Format(s.Start),
                zone = s.Zone,
                minutes = (int)s.Duration.TotalMinutes,
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(json));
    }

    private static string RandomRule(Random random)
    {
        var kind = random.NextDouble();
        var ending = random.NextDouble() switch
        {
            < 0.1 => $";COUNT={random.Next(20, 400)}",
            < 0.25 => $";UNTIL=2026{random.Next(3, 13):00}15T235959",
            _ => string.Empty,
        };
        if (kind < 0.25)
        {
            return random.NextDouble() < 0.5 ? "FREQ=DAILY" + ending : "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR" + ending;
        }

        if (kind < 0.6)
        {
            var days = string.Join(',', Days.Take(5).OrderBy(_ => random.Next()).Take(random.Next(1, 4)));
            var interval = random.NextDouble() < 0.3 ? ";INTERVAL=2" : string.Empty;
            return $"FREQ=WEEKLY{interval};BYDAY={days}{ending}";
        }

        if (kind < 0.75)
        {
            return $"FREQ=MONTHLY;BYMONTHDAY={random.Next(1, 29)}{ending}";
        }

        if (kind < 0.9)
        {
            var ordinal = random.NextDouble() < 0.2 ? -1 : random.Next(1, 5);
            return $"FREQ=MONTHLY;BYDAY={ordinal}{Days[random.Next(5)]}{ending}";
        }

        return random.NextDouble() < 0.5
            ? "FREQ=YEARLY" + ending
            : $"FREQ=YEARLY;BYMONTH={random.Next(1, 13)};BYDAY={random.Next(1, 5)}{Days[random.Next(7)]}{ending}";
    }

    public sealed record Spec(string Rule, LocalDateTime Start, string Zone, Duration Duration);
}
