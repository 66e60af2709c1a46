using BenchmarkDotNet.Attributes;
using CleanAssistant.Application.Interpretation;
using NodaTime;

namespace CleanAssistant.Benchmarks;

/// <summary>Whole offline interpretations (intent, slots, resolved times) of typed and speech-style utterances.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class InterpreterBenchmarks
{
    private static readonly string[] Utterances =
    [
        "um can you put coffee with maria on thursday at half past ten",
        "move my dentist thing to friday at three",
        "What do I have next week?",
        "remind me to call bob in two hours",
        "every other tuesday at 4 pm team retro except the 8th",
        "cancel the standup tomorrow",
        "when are alice and i both free for an hour this week",
        "Schedule a 45 minute review with Priya and Tom next Monday from 2 to 2:45 in room 4",
    ];

    private readonly LocalDateTime _now = new(2026, 11, 24, 9, 15);
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Benchmark(Description = "Interpret one utterance (mean over 8 typed and spoken ones)", OperationsPerInvoke = 8)]
    public int InterpretAll()
    {
        var slots = 0;
        foreach (var text in Utterances)
        {
            slots += (int)OfflineInterpreter.Interpret(new InterpretationRequest(text, _now, _zone)).Intent;
        }

        return slots;
    }
}
