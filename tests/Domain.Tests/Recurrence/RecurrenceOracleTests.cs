using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CleanAssistant.Domain.Recurrence;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;
using Xunit.Abstractions;

namespace CleanAssistant.Domain.Tests.Recurrence;

/// <summary>
/// Expands thousands of random series and compares the recurrence ids with python-dateutil's (oracle.py).
/// dateutil is naive, so it yields local wall-clock starts; the window filter (overlap of [from, to) by instants)
/// and UTC UNTIL are applied here to its output with NodaTime's zone mapping, independently of the engine.
/// </summary>
public class RecurrenceOracleTests(ITestOutputHelper output)
{
    private const int CaseCount = 3000;

    private static readonly string[] ZoneIds =
    [
        "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo",
        "Pacific/Auckland", "Asia/Tehran", "Europe/London", "UTC", "America/St_Johns", "Pacific/Chatham",
        "Africa/Casablanca", "America/Santiago", "Australia/Lord_Howe", "America/Havana", "Pacific/Apia",
    ];

    private static readonly LocalDateTimePattern IsoLocal = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    [Fact]
    public void Expand_RandomSeries_MatchesDateutil()
    {
        var random = new Random(20250602);
        var cases = Enumerable.Range(0, CaseCount).Select(i => OracleCase.Random(random, i)).ToList();

        var clock = Stopwatch.StartNew();
        var expected = RunOracle(cases);
        var oracleTime = clock.Elapsed;
        clock.Restart();

        var mismatches = new List<string>();
        var occurrences = 0;
        var nonEmpty = 0;
        foreach (var oracleCase in cases)
        {
            var ours = oracleCase.Series.Expand(oracleCase.From, oracleCase.To);
            occurrences += ours.Count;
            nonEmpty += ours.Count > 0 ? 1 : 0;
            var oracle = expected.GetProperty(oracleCase.Id.ToString(CultureInfo.InvariantCulture));
            if (oracle.TryGetProperty("error", out var error))
            {
                mismatches.Add($"{oracleCase}\n  dateutil failed: {error.GetString()}");
                continue;
            }

            var theirs = oracleCase.Filter(oracle.GetProperty("occurrences").EnumerateArray()
                .Select(e => IsoLocal.Parse(e.GetString()!).Value));
            var difference = FirstDifference(ours, theirs, oracleCase);
            if (difference is not null)
            {
                mismatches.Add($"{oracleCase}\n{difference}");
            }
        }

        output.WriteLine($"{cases.Count} cases ({nonEmpty} with occurrences), {occurrences} occurrences, {mismatches.Count} mismatches;"
            + $" dateutil {oracleTime.TotalSeconds:F1} s, ours {clock.Elapsed.TotalSeconds:F1} s");
        if (mismatches.Count > 0)
        {
            Assert.Fail($"{mismatches.Count} of {cases.Count} cases differ from dateutil; first ones:\n\n"
                + string.Join("\n\n", mismatches.Take(10)));
        }
    }

    private static string? FirstDifference(IReadOnlyList<Occurrence> ours, IReadOnlyList<LocalDateTime> theirs, OracleCase oracleCase)
    {
        var zone = oracleCase.Series.Zone;
        for (var i = 0; i < Math.Max(ours.Count, theirs.Count); i++)
        {
            var mine = i < ours.Count ? ours[i].RecurrenceId : (LocalDateTime?)null;
            var other = i < theirs.Count ? theirs[i] : (LocalDateTime?)null;
            if (mine != other)
            {
                var ourNext = string.Join(", ", ours.Skip(i).Take(5).Select(o => IsoLocal.Format(o.RecurrenceId)));
                var theirNext = string.Join(", ", theirs.Skip(i).Take(5).Select(IsoLocal.Format));
                return $"  at #{i} (ours {ours.Count}, dateutil {theirs.Count})\n  ours:     {ourNext}\n  dateutil: {theirNext}";
            }

            var occurrence = ours[i];
            var start = zone.ResolveLocal(occurrence.RecurrenceId, Resolvers.LenientResolver).ToInstant();
            if (occurrence.Start != start || occurrence.End != oracleCase.EndOf(occurrence.RecurrenceId, start))
            {
                return $"  at #{i} {occurrence} has the wrong instants (expected start {start})";
            }
        }

        return null;
    }

    private static JsonElement RunOracle(List<OracleCase> cases)
    {
        var python = FindPython();
        var script = FindScript();
        var input = Path.Combine(Path.GetTempPath(), $"recurrence-oracle-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(cases.Select(c => c.ToJson())));
        try
        {
            var info = new ProcessStartInfo(python, [script, input])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, $"oracle.py failed: {stderr.Result}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static string FindPython()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate, ["-c", "import dateutil"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                })!;
                process.WaitForExit();
                if (process.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }

        throw new InvalidOperationException(
            "The recurrence oracle needs python3 with python-dateutil: run `apt-get install python3-dateutil`.");
    }

    private static string FindScript()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Recurrence", "oracle.py");
        if (File.Exists(copied))
        {
            return copied;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var source = Path.Combine(dir.FullName, "tests", "Domain.Tests", "Recurrence", "oracle.py");
            if (File.Exists(source))
            {
                return source;
            }
        }

        throw new FileNotFoundException("oracle.py is neither in the test output nor under tests/Domain.Tests/Recurrence.");
    }

    private sealed class OracleCase
    {
        private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

        private OracleCase(int id, RecurrenceSet series, Instant from, Instant to, IReadOnlyList<LocalDateTime> exdates)
        {
            Id = id;
            Series = series;
            From = from;
            To = to;
            Exdates = exdates;
        }

        public int Id { get; }

        public RecurrenceSet Series { get; }

        public Instant From { get; }

        public Instant To { get; }

        public IReadOnlyList<LocalDateTime> Exdates { get; }

        public static OracleCase Random(Random random, int id)
        {
            var zone = DateTimeZoneProviders.Tzdb[ZoneIds[random.Next(ZoneIds.Length)]];
            var allDay = random.NextDouble() < 0.15;
            var frequency = Pick(random, "DAILY", "WEEKLY", "WEEKLY", "MONTHLY", "MONTHLY", "YEARLY", "YEARLY");
            var parts = new List<string> { $"FREQ={frequency}" };
            var wkst = random.NextDouble() < 0.3 ? DayCodes[random.Next(7)] : "MO";
            if (random.NextDouble() < 0.4)
            {
                parts.Add($"INTERVAL={random.Next(2, frequency == "DAILY" ? 10 : 5)}");
            }

            var hasTimes = !allDay && random.NextDouble() < 0.25;
            var bySetPos = false;
            var setSize = 1;
            switch (frequency)
            {
                case "DAILY":
                    MaybeAdd(random, parts, 0.3, "BYDAY", () => Weekdays(random, 1, 5));
                    MaybeAdd(random, parts, 0.2, "BYMONTH", () => Numbers(random, 1, 12, 1, 6));
                    MaybeAdd(random, parts, 0.15, "BYMONTHDAY", () => MonthDays(random));
                    bySetPos = hasTimes && random.NextDouble() < 0.3;
                    setSize = 1;
                    break;
                case "WEEKLY":
                    MaybeAdd(random, parts, 0.7, "BYDAY", () => Weekdays(random, 1, 4));
                    MaybeAdd(random, parts, 0.1, "BYMONTH", () => Numbers(random, 1, 12, 3, 8));
                    var weekdays = parts.FirstOrDefault(p => p.StartsWith("BYDAY", StringComparison.Ordinal));
                    bySetPos = weekdays is not null && random.NextDouble() < 0.25;
                    setSize = weekdays?.Split(',').Length ?? 1;
                    break;
                case "MONTHLY":
                    switch (random.Next(4))
                    {
                        case 0:
                            parts.Add($"BYDAY={NthWeekdays(random, 4)}");
                            break;
                        case 1:
                            var monthlyWeekdays = Weekdays(random, 1, 5);
                            parts.Add($"BYDAY={monthlyWeekdays}");
                            bySetPos = random.NextDouble() < 0.5;
                            setSize = 4 * monthlyWeekdays.Split(',').Length;
                            break;
                        case 2:
                            parts.Add($"BYMONTHDAY={MonthDays(random)}");
                            MaybeAdd(random, parts, 0.2, "BYDAY", () => Weekdays(random, 2, 5));
                            bySetPos = random.NextDouble() < 0.3;
                            break;
                        default:
                            break;
                    }

                    MaybeAdd(random, parts, 0.2, "BYMONTH", () => Numbers(random, 1, 12, 2, 8));
                    break;
                default:
                    switch (random.Next(6))
                    {
                        case 0:
                            parts.Add($"BYMONTH={Numbers(random, 1, 12, 1, 3)}");
                            parts.Add($"BYDAY={NthWeekdays(random, 4)}");
                            break;
                        case 1:
                            parts.Add($"BYDAY={NthWeekdays(random, 52)}");
                            break;
                        case 2:
                            parts.Add($"BYYEARDAY={YearDays(random)}");
                            break;
                        case 3:
                            parts.Add($"BYWEEKNO={WeekNumbers(random)}");
                            MaybeAdd(random, parts, 0.6, "BYDAY", () => Weekdays(random, 1, 3));
                            break;
                        case 4:
                            parts.Add($"BYMONTH={Numbers(random, 1, 12, 1, 4)}");
                            MaybeAdd(random, parts, 0.5, "BYMONTHDAY", () => MonthDays(random));
                            MaybeAdd(random, parts, 0.5, "BYDAY", () => Weekdays(random, 1, 5));
                            bySetPos = random.NextDouble() < 0.4;
                            break;
                        default:
                            MaybeAdd(random, parts, 0.3, "BYMONTH", () => Numbers(random, 1, 12, 1, 4));
                            break;
                    }

                    break;
            }

            if (hasTimes)
            {
                MaybeAdd(random, parts, 0.8, "BYHOUR", () => Numbers(random, 0, 23, 1, 3));
                MaybeAdd(random, parts, 0.5, "BYMINUTE", () => Numbers(random, 0, 59, 1, 2));
                MaybeAdd(random, parts, 0.2, "BYSECOND", () => Numbers(random, 0, 59, 1, 2));
                if (!parts.Any(p => p.StartsWith("BYHOUR", StringComparison.Ordinal) || p.StartsWith("BYMINUTE", StringComparison.Ordinal)))
                {
                    parts.Add($"BYHOUR={Numbers(random, 0, 23, 2, 3)}");
                }
            }

            if (parts.Any(p => p.StartsWith("BYMONTH=", StringComparison.Ordinal))
                && parts.FirstOrDefault(p => p.StartsWith("BYMONTHDAY=", StringComparison.Ordinal)) is { } monthDays
                && monthDays[11..].Split(',').Any(d => int.Parse(d, CultureInfo.InvariantCulture) >= 29))
            {
                parts.RemoveAll(p => p.StartsWith("BYMONTH=", StringComparison.Ordinal));
            }

            if (bySetPos)
            {
                var times = parts.Where(p => p.StartsWith("BYHOUR", StringComparison.Ordinal) || p.StartsWith("BYMINUTE", StringComparison.Ordinal)
                    || p.StartsWith("BYSECOND", StringComparison.Ordinal)).Aggregate(1, (n, p) => n * p.Split(',').Length);
                parts.Add($"BYSETPOS={SetPositions(random, Math.Min(3, setSize * times))}");
            }

            if (wkst != "MO")
            {
                parts.Add($"WKST={wkst}");
            }

            var startDate = new LocalDate(2012, 1, 1).PlusDays(random.Next(365 * 18));
            var startTime = allDay ? LocalTime.Midnight : RandomTime(random);
            var start = startDate.At(startTime);
            var duration = allDay ? Duration.Zero : RandomDuration(random);
            var allDayDays = allDay ? random.Next(1, 4) : 0;
            var startInstant = zone.ResolveLocal(start, Resolvers.LenientResolver).ToInstant();
            var horizonDays = frequency switch
            {
                "DAILY" => hasTimes ? 200 : 700,
                "WEEKLY" => 1100,
                _ => 3000,
            };

            var ending = random.NextDouble();
            if (ending < 0.3)
            {
                parts.Add($"COUNT={random.Next(1, 60)}");
            }
            else if (ending < 0.6)
            {
                var until = start.PlusDays(random.Next(0, horizonDays)).PlusSeconds(random.Next(-86_400, 86_400));
                var kind = allDay ? 2 : random.Next(3);
                parts.Add("UNTIL=" + kind switch
                {
                    0 => RecurrenceUntil.AtInstant(zone.ResolveLocal(until, Resolvers.LenientResolver).ToInstant()
                        + Duration.FromSeconds(random.Next(-7200, 7200))),
                    1 => RecurrenceUntil.AtLocal(until),
                    _ => RecurrenceUntil.OnDate(until.Date),
                });
            }

            var rule = RecurrenceRule.Parse(string.Join(';', parts.OrderBy(_ => random.Next())));
            var from = startInstant + Duration.FromMinutes(random.Next(-60 * 24 * 30, 60 * 24 * horizonDays));
            if ((rule.Count is not null && random.NextDouble() < 0.7) || random.NextDouble() < 0.4)
            {
                from = startInstant + Duration.FromMinutes(random.Next(-60 * 24 * 30, 60 * 24 * 30));
            }

            var shortest = frequency switch
            {
                "YEARLY" => 120.0,
                "MONTHLY" => 15.0,
                _ => 1.0,
            };
            var length = Duration.FromMinutes(60 * 24 * shortest * Math.Exp(random.NextDouble() * Math.Log(Math.Min(horizonDays, 1095) / shortest)));
            var exdates = new List<LocalDateTime>();
            if (random.NextDouble() < 0.3)
            {
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    exdates.Add(start.PlusDays(random.Next(0, 60) * (random.NextDouble() < 0.5 ? 1 : 7)));
                }
            }

            var series = allDay
                ? RecurrenceSet.AllDay(rule, startDate, allDayDays, zone, exdates.Select(e => e.Date))
                : RecurrenceSet.Timed(rule, start, zone, duration, exdates);
            return new OracleCase(id, series, from, from + length, exdates);
        }

        public IReadOnlyList<LocalDateTime> Filter(IEnumerable<LocalDateTime> dateutil)
        {
            var zone = Series.Zone;
            var until = Series.Rule.Until is { Kind: RecurrenceUntilKind.Utc } u ? u.Value.InUtc().ToInstant() : (Instant?)null;
            return [.. dateutil
                .Select(local => (Local: local, Start: zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant()))
                .Where(o => o.Local == Series.Start || until is null || o.Start <= until)
                .Where(o => o.Start < To && EndOf(o.Local, o.Start) > From)
                .OrderBy(o => o.Start).ThenBy(o => o.Local)
                .Select(o => o.Local)];
        }

        public Instant EndOf(LocalDateTime local, Instant start) =>
            Series.IsAllDay ? Series.Zone.AtStartOfDay(local.Date.PlusDays(Series.AllDayDays)).ToInstant() : start + Series.Duration;

        public Dictionary<string, object?> ToJson()
        {
            var rule = Series.Rule;
            var dateutilRule = string.Join(';', rule.ToString().Split(';').Where(p => !p.StartsWith("COUNT=", StringComparison.Ordinal)
                && !p.StartsWith("UNTIL=", StringComparison.Ordinal)));
            if (rule.Until is { } until && until.Kind != RecurrenceUntilKind.Utc)
            {
                var local = until.Kind == RecurrenceUntilKind.Date ? until.Value.Date.At(new LocalTime(23, 59, 59)) : until.Value;
                dateutilRule += ";UNTIL=" + RecurrenceUntil.AtLocal(local);
            }

            var zone = Series.Zone;
            var longest = Series.IsAllDay ? Duration.FromHours(25 * Series.AllDayDays) : Series.Duration;
            return new Dictionary<string, object?>
            {
                ["id"] = Id.ToString(CultureInfo.InvariantCulture),
                ["rule"] = dateutilRule,
                ["dtstart"] = IsoLocal.Format(Series.Start),
                ["lo"] = IsoLocal.Format((From - longest).InZone(zone).LocalDateTime.PlusDays(-3)),
                ["hi"] = IsoLocal.Format(To.InZone(zone).LocalDateTime.PlusDays(3)),
                ["count"] = rule.Count,
                ["exdates"] = Exdates.Select(IsoLocal.Format).ToArray(),
                ["fullFirstWeek"] = rule.Frequency == RecurrenceFrequency.Weekly && rule.BySetPos.Count > 0,
                ["wkst"] = DayCodes[(int)rule.WeekStart - 1],
            };
        }

        public override string ToString() =>
            $"case {Id}: RRULE:{Series.Rule} DTSTART={IsoLocal.Format(Series.Start)} zone={Series.Zone.Id} "
            + (Series.IsAllDay ? $"all-day {Series.AllDayDays}d" : $"duration={Series.Duration}")
            + $" window=[{From}, {To}) exdates=[{string.Join(", ", Exdates.Select(IsoLocal.Format))}]";

        private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

        private static void MaybeAdd(Random random, List<string> parts, double probability, string name, Func<string> value)
        {
            if (random.NextDouble() < probability)
            {
                parts.Add($"{name}={value()}");
            }
        }

        private static string Numbers(Random random, int min, int max, int minCount, int maxCount) =>
            string.Join(',', Enumerable.Range(0, random.Next(minCount, maxCount + 1)).Select(_ => random.Next(min, max + 1)).Distinct());

        private static string Weekdays(Random random, int minCount, int maxCount) =>
            string.Join(',', DayCodes.OrderBy(_ => random.Next()).Take(random.Next(minCount, maxCount + 1)));

        private static string NthWeekdays(Random random, int maxOrdinal) =>
            string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            {
                var ordinal = random.NextDouble() < 0.7 ? random.Next(1, maxOrdinal + 1) : -random.Next(1, Math.Min(maxOrdinal, 5) + 1);
                return $"{ordinal}{DayCodes[random.Next(7)]}";
            }).Distinct());

        private static string MonthDays(Random random) =>
            string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(4) switch
            {
                0 => -random.Next(1, 4),
                1 => random.Next(29, 32),
                _ => random.Next(1, 29),
            }).Distinct());

        private static string YearDays(Random random) =>
            string.Join(',', Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => random.NextDouble() < 0.7 ? random.Next(1, 367) : -random.Next(1, 367)).Distinct());

        // Weeks 52 and 53 are left out: dateutil miscounts the weeks of the previous year for the days of early
        // January that belong to its last week (python-dateutil 2.9, rrule._iterinfo.rebuild, "lnumweeks").
        // RecurrenceRuleExpansionTests covers those days against ISO week numbers instead.
        private static string WeekNumbers(Random random) =>
            string.Join(',', Enumerable.Range(0, random.Next(1, 3))
                .Select(_ => random.NextDouble() < 0.8 ? random.Next(1, 52) : -random.Next(1, 3)).Distinct());

        private static string SetPositions(Random random, int setSize) =>
            string.Join(',', Enumerable.Range(0, random.Next(1, 3))
                .Select(_ => random.NextDouble() < 0.5 ? random.Next(1, setSize + 1) : -random.Next(1, setSize + 1)).Distinct());

        private static LocalTime RandomTime(Random random)
        {
            var hour = random.NextDouble() < 0.35 ? random.Next(0, 4) : random.Next(24);
            var minute = random.NextDouble() < 0.7 ? 15 * random.Next(4) : random.Next(60);
            return new LocalTime(hour, minute, random.NextDouble() < 0.9 ? 0 : random.Next(60));
        }

        private static Duration RandomDuration(Random random) => random.Next(5) switch
        {
            0 => Duration.FromDays(random.Next(1, 3)),
            _ => Duration.FromMinutes(15 * random.Next(1, 13)),
        };
    }
}
