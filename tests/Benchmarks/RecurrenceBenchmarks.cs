using BenchmarkDotNet.Attributes;
using CleanAssistant.Domain.Recurrence;

namespace CleanAssistant.Benchmarks;

[MemoryDiagnoser]
[ShortRunJob]
public class RecurrenceBenchmarks
{
    private IReadOnlyList<RecurrenceWorkload.Spec> _specs = [];
    private IReadOnlyList<RecurrenceSet> _series = [];

    [GlobalSetup]
    public void Setup()
    {
        _specs = RecurrenceWorkload.Create();
        _series = RecurrenceWorkload.Build(_specs);
    }

    [Benchmark(Baseline = true, Description = "Expand 1,000 prepared series over a year")]
    public int ExpandPrepared()
    {
        var total = 0;
        foreach (var series in _series)
        {
            total += series.Expand(RecurrenceWorkload.From, RecurrenceWorkload.To).Count;
        }

        return total;
    }

    [Benchmark(Description = "Parse and expand 1,000 series over a year")]
    public int ParseAndExpand()
    {
        var total = 0;
        foreach (var series in RecurrenceWorkload.Build(_specs))
        {
            total += series.Expand(RecurrenceWorkload.From, RecurrenceWorkload.To).Count;
        }

        return total;
    }
}
