using CleanAssistant.Application.Interpretation;
using CleanAssistant.Domain.Conversations;

namespace CleanAssistant.Application.Conversations;

/// <summary>
/// Reads the answer to a "which one?" question: a number or ordinal ("2", "the second one", "the last"),
/// "yes" when one option was offered, a time or day that fits one option, or words of one option's label.
/// </summary>
internal static class ChoiceParser
{
    private static readonly string[][] Ordinals =
    [
        ["1", "1st", "one", "first"],
        ["2", "2nd", "two", "second"],
        ["3", "3rd", "three", "third"],
        ["4", "4th", "four", "fourth"],
        ["5", "5th", "five", "fifth"],
    ];

    private static readonly string[] Yes = ["yes", "yeah", "yep", "sure", "ok", "okay", "fine", "that", "it"];
    private static readonly string[] Filler = ["the", "one", "a", "an", "please", "um", "uh", "number", "option", "on", "at", "that", "with", "my", "take", "book", "go", "for", "i", "mean", "meant"];

    public static Choice? Pick(InterpretationRequest answer, IReadOnlyList<Choice> choices)
    {
        if (choices.Count == 0)
        {
            return null;
        }

        var words = answer.Text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ')', '('], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1)
        {
            words = [.. words.Where(w => w != "one")]; // "the second one", "that one"
        }

        if (words.Contains("last"))
        {
            return choices[^1];
        }

        for (var n = 0; n < Math.Min(Ordinals.Length, choices.Count); n++)
        {
            if (words.Any(w => Ordinals[n].Contains(w)) && !words.Any(w => w.Contains(':', StringComparison.Ordinal)))
            {
                return choices[n];
            }
        }

        if (choices.Count == 1 && words.Length > 0 && words.All(w => Yes.Contains(w) || Filler.Contains(w)))
        {
            return choices[0];
        }

        // A time or day that fits exactly one option.
        if (TimePhrases.Moment(string.Join(' ', words), answer) is { } moment)
        {
            var start = moment.Start.ToInstant();
            var zone = answer.Zone;
            var fitting = choices.Where(c => c.Start is { } s && (moment.AllDay ? s.InZone(zone).Date == moment.Start.Date : s == start)).ToList();
            if (fitting.Count == 1)
            {
                return fitting[0];
            }
        }

        // Words of one label ("the dentist on Friday" when the other is a dentist on Monday).
        var content = words.Where(w => !Filler.Contains(w) && !Yes.Contains(w)).ToList();
        if (content.Count > 0)
        {
            var scored = choices.Select(c => (Choice: c, Score: content.Count(w => c.Label.Contains(w, StringComparison.OrdinalIgnoreCase)))).ToList();
            var best = scored.Max(s => s.Score);
            if (best > 0 && scored.Count(s => s.Score == best) == 1)
            {
                return scored.First(s => s.Score == best).Choice;
            }
        }

        return null;
    }
}
