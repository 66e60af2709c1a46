using System.Runtime.CompilerServices;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using InterpretationResult = CleanAssistant.Application.Interpretation.Interpretation;

namespace CleanAssistant.Application.Tests.Interpretation;

/// <summary>
/// Sentences of our own, typed and speech-recogniser style, none of them from the dev set, with the slots they must give
/// (own-sentences.jsonl: the dev set's "expect" form, plus shiftMinutes, newDate, pointsBack, alternatives (a count);
/// null means the slot must be absent). Said on Wednesday 2026-11-18 at 10:20 in New York.
/// </summary>
public sealed class OwnSentencesTests
{
    private static readonly OffsetDateTimePattern Instant = OffsetDateTimePattern.ExtendedIso;

    public static TheoryData<string> Sentences()
    {
        var data = new TheoryData<string>();
        foreach (var text in Cases().Keys)
        {
            data.Add(text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Sentence_GivesTheExpectedSlots(string text)
    {
        var expect = Cases()[text];
        var answer = Said.Interpret(text);

        answer.Intent.ToString().ShouldBe(expect.GetProperty("intent").GetString(), text);
        foreach (var slot in expect.EnumerateObject())
        {
            Check(answer, slot.Name, slot.Value, text);
        }
    }

    private static void Check(InterpretationResult answer, string slot, JsonElement expected, string text)
    {
        var because = $"{slot} of \"{text}\"";
        switch (slot)
        {
            case "intent":
                break;
            case "title" or "location":
                Keywords(slot == "title" ? answer.Title : answer.Location, expected, because);
                break;
            case "start" or "end" or "newStart" or "rangeStart" or "rangeEnd" or "remindAt":
                var actual = slot switch
                {
                    "start" => answer.Start,
                    "end" => answer.End,
                    "newStart" => answer.NewStart,
                    "rangeStart" => answer.RangeStart,
                    "rangeEnd" => answer.RangeEnd,
                    _ => answer.RemindAt,
                };
                SameInstant(actual, expected, because);
                break;
            case "allDay":
                answer.AllDay.ShouldBe(expected.GetBoolean(), because);
                break;
            case "durationMinutes":
                answer.DurationMinutes.ShouldBe(expected.GetInt32(), because);
                break;
            case "shiftMinutes":
                answer.ShiftMinutes.ShouldBe(expected.GetInt32(), because);
                break;
            case "newDate":
                answer.NewDate?.ToString("uuuu-MM-dd", null).ShouldBe(expected.GetString(), because);
                break;
            case "recurrence":
                (answer.Recurrence is null ? null : string.Join(';', answer.Recurrence.Split(';').Order(StringComparer.Ordinal)))
                    .ShouldBe(expected.ValueKind == JsonValueKind.Null ? null : string.Join(';', expected.GetString()!.Split(';').Order(StringComparer.Ordinal)), because);
                break;
            case "attendees" or "addAttendees" or "removeAttendees":
                var people = slot switch { "attendees" => answer.Attendees, "addAttendees" => answer.AddAttendees, _ => answer.RemoveAttendees };
                (people ?? []).Select(p => p.ToLowerInvariant()).Order(StringComparer.Ordinal)
                    .ShouldBe(expected.EnumerateArray().Select(p => p.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal), because);
                break;
            case "pointsBack":
                (answer.Target?.PointsBack ?? false).ShouldBe(expected.GetBoolean(), because);
                break;
            case "alternatives":
                answer.Alternatives.Count.ShouldBe(expected.GetInt32(), because);
                if (expected.GetInt32() > 0)
                {
                    answer.Confidence.ShouldBeLessThan(InterpretationResult.SureEnough, because);
                }
                break;
            case "target":
                answer.Target.ShouldNotBeNull(because);
                foreach (var part in expected.EnumerateObject())
                {
                    switch (part.Name)
                    {
                        case "title":
                            Keywords(answer.Target.Title, part.Value, because + ".title");
                            break;
                        case "start":
                            SameInstant(answer.Target.Start, part.Value, because + ".start");
                            break;
                        default:
                            (answer.Target.Date ?? answer.Target.Start?.Date)?.ToString("uuuu-MM-dd", null).ShouldBe(part.Value.GetString(), because + ".date");
                            break;
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"own-sentences.jsonl: unknown slot {slot}");
        }
    }

    private static void Keywords(string? actual, JsonElement expected, string because)
    {
        actual.ShouldNotBeNull(because);
        foreach (var word in expected.EnumerateArray())
        {
            actual.ToLowerInvariant().ShouldContain(word.GetString()!, Case.Insensitive, because);
        }
    }

    private static void SameInstant(OffsetDateTime? actual, JsonElement expected, string because)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            actual.ShouldBeNull(because);
            return;
        }

        actual.ShouldNotBeNull(because);
        actual.Value.ToInstant().ShouldBe(Instant.Parse(expected.GetString()!).Value.ToInstant(), because);
        actual.Value.Offset.ShouldBe(Instant.Parse(expected.GetString()!).Value.Offset, because);
    }

    private static Dictionary<string, JsonElement> Cases([CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "own-sentences.jsonl");
        return File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("text").GetString()!, e => e.GetProperty("expect").Clone(), StringComparer.Ordinal);
    }
}
