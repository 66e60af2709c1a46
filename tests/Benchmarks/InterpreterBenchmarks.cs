using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CleanAssistant.Application.Interpretation;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Benchmarks;

/// <summary>
/// Whole offline interpretations (intent, slots, resolved times, alternatives) over the dev set's utterances
/// (/work/shared/eval/interpret-dev.jsonl, read at run time; our own sentences when it is not there).
/// Mean is per utterance; "Utterances/s" is its inverse; "P99/utterance" times each utterance on its own.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(Columns))]
public class InterpreterBenchmarks
{
    private const string DevSet = "/work/shared/eval/interpret-dev.jsonl";

    private static readonly string[] OwnSentences =
    [
        "um can you put coffee with maria on thursday at half past ten",
        "move my dentist thing to friday at three",
        "What do I have next week?",
        "remind me to call bob in two hours",
        "every other tuesday at 4 pm team retro except the 8th",
        "cancel the standup tomorrow",
        "when are alice and i both free for an hour this week",
        "Schedule a 45 minute review with Priya and Tom next Monday from 2 to 2:45 in room 4",
        "push it back an hour",
        "lunch with sam a week from friday at noon",
        "what's on later this month",
        "set an alarm for 7",
    ];

    private InterpretationRequest[] _requests = [];
    private int _next;

    /// <summary>The utterances, as requests said at the dev set's own times and zones.</summary>
    public static InterpretationRequest[] Requests()
    {
        if (!File.Exists(DevSet))
        {
            var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
            return [.. OwnSentences.Select(text => new InterpretationRequest(text, new LocalDateTime(2026, 11, 24, 9, 15), zone))];
        }

        return
        [
            .. File.ReadLines(DevSet).Where(line => line.Length > 0).Select(line =>
            {
                var root = JsonDocument.Parse(line).RootElement;
                return new InterpretationRequest(
                    root.GetProperty("text").GetString()!,
                    LocalDateTimePattern.ExtendedIso.Parse(root.GetProperty("now").GetString()!).Value,
                    DateTimeZoneProviders.Tzdb[root.GetProperty("timeZone").GetString()!]);
            }),
        ];
    }

    [GlobalSetup]
    public void Setup() => _requests = Requests();

    [Benchmark(Description = "Interpret every utterance (mean per utterance)", OperationsPerInvoke = 160)]
    public int WholeSet()
    {
        var intents = 0;
        for (var i = 0; i < 160; i++)
        {
            intents += (int)OfflineInterpreter.Interpret(_requests[i % _requests.Length]).Intent;
        }

        return intents;
    }

    [Benchmark(Description = "Interpret one utterance (the next one each call)")]
    public Intent OneUtterance()
    {
        var request = _requests[_next];
        _next = (_next + 1) % _requests.Length;
        return OfflineInterpreter.Interpret(request).Intent;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(StatisticColumn.P95, StatisticColumn.P100, new ThroughputColumn(), new UtteranceP99Column());
        }
    }

    /// <summary>A column of our own: a name, a legend and the value for each benchmark.</summary>
    private abstract class CustomColumn(string name, string legend, int priority) : IColumn
    {
        public string Id => GetType().Name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => priority;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }

    /// <summary>Utterances a second on one core, from the mean.</summary>
    private sealed class ThroughputColumn() : CustomColumn("Utterances/s", "Utterances interpreted a second on one thread (1 / mean)", 0)
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } statistics
                ? (1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture)
                : "-";
    }

    /// <summary>
    /// The 99th percentile of one utterance's latency: every utterance timed on its own, 200 rounds after 50 of warm-up,
    /// in the host process (BenchmarkDotNet's percentiles are of iterations, each many utterances long).
    /// </summary>
    private sealed class UtteranceP99Column() : CustomColumn(
        "P99/utterance", "99th percentile of single-utterance latency (median in brackets), timed one by one over 200 rounds", 1)
    {
        private static readonly Lazy<(double P50, double P99)> Measured = new(Measure);

        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            string.Create(CultureInfo.InvariantCulture, $"{Measured.Value.P99:0.0} us ({Measured.Value.P50:0.0} us)");

        private static (double P50, double P99) Measure()
        {
            var requests = Requests();
            for (var warmUp = 0; warmUp < 50; warmUp++)
            {
                foreach (var request in requests)
                {
                    OfflineInterpreter.Interpret(request);
                }
            }

            GC.Collect();

            var samples = new List<double>(requests.Length * 200);
            for (var round = 0; round < 200; round++)
            {
                foreach (var request in requests)
                {
                    var start = Stopwatch.GetTimestamp();
                    OfflineInterpreter.Interpret(request);
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            }

            samples.Sort();
            return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.99) - 1]);
        }
    }
}
