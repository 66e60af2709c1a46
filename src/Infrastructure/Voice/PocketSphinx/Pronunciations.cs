using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>
/// Phones (CMU set) for words: the acoustic model's dictionary first, then the user's own words through
/// espeak-ng's IPA mapped to CMU phones, then a plain letter-to-sound guess when espeak-ng is missing.
/// </summary>
internal sealed class Pronunciations
{
    private static readonly (string Ipa, string Cmu)[] IpaToCmu =
    [
        ("tʃ", "CH"), ("dʒ", "JH"), ("eɪ", "EY"), ("aɪ", "AY"), ("ɔɪ", "OY"), ("aʊ", "AW"), ("oʊ", "OW"), ("əʊ", "OW"),
        ("ɪə", "IH R"), ("eə", "EH R"), ("ʊə", "UH R"), ("ɑːɹ", "AA R"), ("ɔːɹ", "AO R"), ("ɜːɹ", "ER"), ("ɚ", "ER"), ("ɝ", "ER"),
        ("iː", "IY"), ("i", "IY"), ("ɪ", "IH"), ("ᵻ", "IH"), ("ɛ", "EH"), ("e", "EH"), ("æ", "AE"), ("a", "AE"), ("ɐ", "AH"),
        ("ɑː", "AA"), ("ɑ", "AA"), ("ɒ", "AA"), ("ɔː", "AO"), ("ɔ", "AO"), ("ʊ", "UH"), ("uː", "UW"), ("u", "UW"),
        ("ʌ", "AH"), ("ə", "AH"), ("ɜː", "ER"), ("ɜ", "ER"), ("o", "OW"), ("ɾ", "T"), ("ɹ", "R"), ("r", "R"), ("l", "L"),
        ("ɫ", "L"), ("m", "M"), ("n", "N"), ("ŋ", "NG"), ("p", "P"), ("b", "B"), ("t", "T"), ("d", "D"), ("k", "K"),
        ("ɡ", "G"), ("g", "G"), ("f", "F"), ("v", "V"), ("θ", "TH"), ("ð", "DH"), ("s", "S"), ("z", "Z"), ("ʃ", "SH"),
        ("ʒ", "ZH"), ("h", "HH"), ("j", "Y"), ("w", "W"), ("ʔ", "T"), ("x", "K"), ("ç", "HH"), ("y", "UW"), ("ø", "ER"),
    ];

    /// <summary>A last-resort phone per letter a–z.</summary>
    private static readonly string[] Letters =
        ["AE", "B", "K", "D", "EH", "F", "G", "HH", "IH", "JH", "K", "L", "M", "N", "AA", "P", "K", "R", "S", "T", "AH", "V", "W", "K S", "Y", "Z"];

    private static readonly ConcurrentDictionary<string, Pronunciations> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<string>> _dictionary;
    private readonly ConcurrentDictionary<string, string> _guessed = new(StringComparer.Ordinal);
    private readonly string? _espeak;

    private Pronunciations(Dictionary<string, List<string>> dictionary, string? espeak)
    {
        _dictionary = dictionary;
        _espeak = espeak;
    }

    /// <summary>The dictionary at <paramref name="path"/>, read once per process.</summary>
    public static Pronunciations Load(string path, string? espeak) =>
        Loaded.GetOrAdd(path, p => new Pronunciations(Read(p), espeak));

    public bool Knows(string word) => _dictionary.ContainsKey(word);

    /// <summary>Every pronunciation of a word the dictionary knows (alternates included), or one guessed.</summary>
    public IReadOnlyList<string> Of(string word)
    {
        if (_dictionary.TryGetValue(word, out var known))
        {
            return known;
        }

        return [_guessed.GetOrAdd(word, Guess)];
    }

    private string Guess(string word)
    {
        // "tom's", "okonkwo's": the name's phones and the possessive ending.
        if (word.EndsWith("'s", StringComparison.Ordinal) && word.Length > 2)
        {
            var stem = Of(word[..^2])[0];
            var last = stem[(stem.LastIndexOf(' ') + 1)..];
            var ending = last is "S" or "Z" or "SH" or "ZH" or "CH" or "JH" ? "IH Z" : last is "P" or "T" or "K" or "F" or "TH" ? "S" : "Z";
            return stem + " " + ending;
        }

        if (word.Contains('-', StringComparison.Ordinal))
        {
            return string.Join(' ', word.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => Of(part)[0]));
        }

        return FromEspeak(word) ?? FromLetters(word);
    }

    private string? FromEspeak(string word)
    {
        if (_espeak is null)
        {
            return null;
        }

        try
        {
            var start = new ProcessStartInfo(_espeak)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in new[] { "-q", "--ipa", "-v", "en-us", word })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var ipa = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5_000) || process.ExitCode != 0)
            {
                return null;
            }

            var phones = FromIpa(ipa);
            return phones.Length == 0 ? null : phones;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// How espeak-ng says each word, in CMU phones, from one espeak-ng run (a word a line); empty when espeak-ng is
    /// missing or its answer does not line up with the words. Added as alternates, they help with reduced vowels
    /// ("remind" as R IH M AY N D) and with synthetic voices.
    /// </summary>
    public IReadOnlyDictionary<string, string> SaidByEspeak(IReadOnlyList<string> words)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_espeak is null || words.Count == 0)
        {
            return result;
        }

        try
        {
            var start = new ProcessStartInfo(_espeak)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardInputEncoding = new UTF8Encoding(false),
            };
            foreach (var argument in new[] { "-q", "--ipa", "-v", "en-us" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return result;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            foreach (var word in words)
            {
                process.StandardInput.Write(word + ".\n");
            }

            process.StandardInput.Close();
            var lines = output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            _ = errors.GetAwaiter().GetResult();
            if (!process.WaitForExit(30_000) || process.ExitCode != 0 || lines.Length != words.Count)
            {
                return result;
            }

            for (var i = 0; i < words.Count; i++)
            {
                var phones = FromIpa(lines[i].Trim());
                if (phones.Length > 0)
                {
                    result[words[i]] = phones;
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            result.Clear();
        }

        return result;
    }

    /// <summary>IPA as espeak-ng writes it ("ɑːkˈɔŋkwoʊ") in CMU phones ("AA K AO NG K W OW"); stress and length marks dropped.</summary>
    internal static string FromIpa(string ipa)
    {
        var phones = new List<string>();
        var i = 0;
        while (i < ipa.Length)
        {
            var matched = false;
            foreach (var (symbol, cmu) in IpaToCmu)
            {
                if (string.CompareOrdinal(ipa, i, symbol, 0, symbol.Length) == 0)
                {
                    phones.Add(cmu);
                    i += symbol.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                i++;
            }
        }

        return string.Join(' ', phones);
    }

    private static string FromLetters(string word)
    {
        var phones = word.Where(char.IsAsciiLetterLower).Select(c => Letters[c - 'a']).ToList();
        return phones.Count == 0 ? "AH" : string.Join(' ', phones);
    }

    private static Dictionary<string, List<string>> Read(string path)
    {
        var dictionary = new Dictionary<string, List<string>>(140_000, StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var word = line[..space];
            var paren = word.IndexOf('(', StringComparison.Ordinal);
            if (paren > 0)
            {
                word = word[..paren];
            }

            var phones = line[(space + 1)..].Trim();
            var hash = phones.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                phones = phones[..hash].Trim();
            }

            if (!dictionary.TryGetValue(word, out var list))
            {
                dictionary[word] = list = [];
            }

            list.Add(phones);
        }

        return dictionary;
    }
}
