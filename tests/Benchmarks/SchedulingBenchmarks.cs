using BenchmarkDotNet.Attributes;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Tests.Scheduling;

namespace CleanAssistant.Benchmarks;

/// <summary>10 people with 2,000 events each over 4 weeks: free-slot search and ranked suggestions.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SchedulingBenchmarks
{
    private MeetingRequest _threeRequired = null!;
    private MeetingRequest _allRequired = null!;

    [GlobalSetup]
    public void Setup()
    {
        _threeRequired = SchedulingWorkload.Create(seed: 7);
        _allRequired = _threeRequired with { Attendees = [.. _threeRequired.Attendees.Select(a => a with { IsOptional = false })] };
    }

    [Benchmark(Description = "Free slots, 10 people x 2,000 events, 4 weeks, all required")]
    public int FreeSlotsAllRequired() => FreeSlotFinder.Find(_allRequired).Count;

    [Benchmark(Description = "Free slots, 3 required + 7 optional")]
    public int FreeSlots() => FreeSlotFinder.Find(_threeRequired).Count;

    [Benchmark(Description = "Ranked suggestions, 3 required + 7 optional")]
    public int Suggest() => MeetingSuggester.Suggest(_threeRequired).Suggestions.Count;
}
