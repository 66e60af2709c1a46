using System.Text.RegularExpressions;

namespace CleanAssistant.Application.Interpretation;

/// <summary>
/// Turns typed or speech-recogniser text into tokens: lower case, punctuation gone, fillers dropped,
/// "3pm" split, numbers in words or digits ("twenty five", "15th", "fifteenth") read as numbers.
/// </summary>
internal static partial class Normalizer
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1,
        ["second"] = 2,
        ["third"] = 3,
        ["fourth"] = 4,
        ["fifth"] = 5,
        ["sixth"] = 6,
        ["seventh"] = 7,
        ["eighth"] = 8,
        ["ninth"] = 9,
        ["tenth"] = 10,
        ["eleventh"] = 11,
        ["twelfth"] = 12,
        ["thirteenth"] = 13,
        ["fourteenth"] = 14,
        ["fifteenth"] = 15,
        ["sixteenth"] = 16,
        ["seventeenth"] = 17,
        ["eighteenth"] = 18,
        ["nineteenth"] = 19,
        ["twentieth"] = 20,
        ["thirtieth"] = 30,
    };

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "mm", "please", "pls", "kindly",
    };

    private static readonly string[][] LeadingPhrases =
    [
        ["hey"], ["hi"], ["ok"], ["okay"], ["so"], ["well"], ["actually"], ["assistant"],
        ["can", "you"], ["could", "you"], ["would", "you"], ["will", "you"],
        ["i", "want", "you", "to"], ["i'd", "like", "you", "to"], ["i", "need", "you", "to"],
        ["i", "want", "to"], ["i'd", "like", "to"], ["i", "would", "like", "to"], ["i", "need", "to"], ["let's"],
        ["go", "ahead", "and"],
    ];

    private static readonly HashSet<string> DateWords = new(StringComparer.Ordinal)
    {
        "today", "tomorrow", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "week", "month", "year", "weekend",
    };

    public static IReadOnlyList<Token> Tokenize(string text)
    {
        text = text.Replace('\u2019', '\'').Replace('\u2018', '\'');
        text = MeridiemDots().Replace(text, "$1m");
        var words = new List<Token>();
        foreach (Match match in Word().Matches(text))
        {
            var raw = match.Value;
            var next = match.Index + match.Length;
            var breakAfter = next < text.Length && text[next] is ',' or ';' or '.' or '!' or '?';
            foreach (var part in raw.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                AddWord(words, part);
            }

            if (breakAfter && words.Count > 0)
            {
                words[^1] = words[^1] with { BreakAfter = true };
            }
        }

        return DropFillers(CombineNumbers(words));
    }

    private static void AddWord(List<Token> words, string raw)
    {
        var lower = raw.ToLowerInvariant();
        var glued = GluedMeridiem().Match(lower);
        if (glued.Success)
        {
            AddWord(words, raw[..glued.Groups[1].Length]);
            words.Add(new Token(glued.Groups[2].Value.StartsWith('a') ? "am" : "pm", glued.Groups[2].Value));
            return;
        }

        var ordinal = DigitOrdinal().Match(lower);
        if (ordinal.Success)
        {
            words.Add(new Token(lower, raw) { Number = int.Parse(ordinal.Groups[1].Value), IsOrdinal = true });
            return;
        }

        if (lower.All(char.IsAsciiDigit) && lower.Length <= 4)
        {
            words.Add(new Token(lower, raw) { Number = int.Parse(lower) });
            return;
        }

        if (lower.EndsWith("'s", StringComparison.Ordinal) && DateWords.Contains(lower[..^2]))
        {
            words.Add(new Token(lower[..^2], raw[..^2]));
            return;
        }

        switch (lower)
        {
            case "what's":
            case "whats":
                words.Add(new Token("what", raw[..4]));
                words.Add(new Token("is", "is"));
                return;
            case "when's":
                words.Add(new Token("when", raw[..4]));
                words.Add(new Token("is", "is"));
                return;
            case "o'clock":
            case "oclock":
                words.Add(new Token("o'clock", raw));
                return;
            case "a.m" or "a.m.":
                words.Add(new Token("am", raw));
                return;
            case "tmrw" or "tmr" or "tomorow" or "tommorow" or "tommorrow":
                words.Add(new Token("tomorrow", raw));
                return;
            default:
                words.Add(new Token(lower, raw));
                return;
        }
    }

    /// <summary>Reads number words: "twenty five" → 25, "twenty first" → 21st, "fifteenth" → 15th.</summary>
    private static List<Token> CombineNumbers(List<Token> words)
    {
        var result = new List<Token>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (Tens.TryGetValue(word.Text, out var tens))
            {
                var next = i + 1 < words.Count ? words[i + 1] : null;
                if (next is not null && Units.TryGetValue(next.Text, out var unit) && unit is > 0 and < 10)
                {
                    result.Add(new Token((tens + unit).ToString(), $"{word.Raw} {next.Raw}") { Number = tens + unit, BreakAfter = next.BreakAfter });
                    i++;
                    continue;
                }

                if (next is not null && Ordinals.TryGetValue(next.Text, out var ord) && ord < 10)
                {
                    result.Add(new Token($"{tens + ord}th", $"{word.Raw} {next.Raw}") { Number = tens + ord, IsOrdinal = true, BreakAfter = next.BreakAfter });
                    i++;
                    continue;
                }

                result.Add(word with { Text = tens.ToString(), Number = tens });
            }
            else if (Units.TryGetValue(word.Text, out var value))
            {
                result.Add(word with { Text = value.ToString(), Number = value });
            }
            else if (Ordinals.TryGetValue(word.Text, out var ordinalValue)
                && (word.Text != "second" || (i + 1 < words.Count && (DateWords.Contains(words[i + 1].Text) || words[i + 1].Text == "of"))))
            {
                result.Add(word with { Text = $"{ordinalValue}th", Number = ordinalValue, IsOrdinal = true });
            }
            else
            {
                result.Add(word);
            }
        }

        return result;
    }

    private static List<Token> DropFillers(List<Token> words)
    {
        words.RemoveAll(w => Fillers.Contains(w.Text));
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var phrase in LeadingPhrases)
            {
                if (words.Count > phrase.Length && StartsWith(words, phrase))
                {
                    words.RemoveRange(0, phrase.Length);
                    changed = true;
                }
            }
        }

        // "can you" / "could you" inside a sentence ("ok so can you move ...") are politeness too.
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i].Is("can", "could", "would") && words[i + 1].Text == "you" && i + 2 < words.Count)
            {
                words.RemoveRange(i, 2);
            }
        }

        return words;
    }

    private static bool StartsWith(List<Token> words, string[] phrase)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            if (words[i].Text != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['/:.\-][\p{L}\p{N}]+)*'?", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\b([apAP])\.\s?[mM]\.?", RegexOptions.CultureInvariant)]
    private static partial Regex MeridiemDots();

    [GeneratedRegex(@"^(\d{1,2}(?:[:.]\d{2})?)(am|pm|a|p)$", RegexOptions.CultureInvariant)]
    private static partial Regex GluedMeridiem();

    [GeneratedRegex(@"^(\d{1,2})(st|nd|rd|th)$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitOrdinal();
}
