using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>A language model file the decoder can load, its search name, and the words it needs beyond the shared dictionary.</summary>
internal sealed record LanguageModelFile(string Name, string Path, IReadOnlyDictionary<string, string> ExtraWords);

/// <summary>
/// Builds the command language model once (corpus from <see cref="CommandCorpus"/>, ARPA from <see cref="NGramModel"/>,
/// dictionary restricted to its words) and, per distinct set of user phrases, a model with those phrases added.
/// </summary>
internal sealed class DomainModels
{
    private const int Seed = 20261127;
    private const int MaxCachedHintModels = 256;

    public const string DefaultSearch = "_default";

    /// <summary>Where generated models go when no <c>WorkDirectory</c> is configured.</summary>
    public static readonly string TempRoot = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cleanassistant-pocketsphinx");

    private readonly PocketSphinxOptions _options;
    private readonly Pronunciations _pronunciations;
    private readonly NGramModel _counts;
    private readonly IReadOnlyList<string> _background;
    private readonly HashSet<string> _vocabulary;
    private readonly ConcurrentDictionary<string, Lazy<LanguageModelFile>> _hintModels = new(StringComparer.Ordinal);

    public DomainModels(PocketSphinxOptions options)
    {
        _options = options;
        _pronunciations = Pronunciations.Load(options.Dictionary, string.IsNullOrWhiteSpace(options.Espeak) ? null : options.Espeak);
        _background = ReadBackground();
        _counts = new NGramModel();
        foreach (var sentence in CommandCorpus.Generate(options.CorpusRounds, Seed))
        {
            _counts.Add(sentence);
        }

        // A folder of its own: several engines in one process (test hosts) must not write each other's files.
        IsOwnDirectory = string.IsNullOrWhiteSpace(options.WorkDirectory);
        Directory = IsOwnDirectory
            ? System.IO.Path.Combine(TempRoot, $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}")
            : options.WorkDirectory!;
        System.IO.Directory.CreateDirectory(Directory);

        DictionaryPath = System.IO.Path.Combine(Directory, "domain.dict");
        var vocabulary = _vocabulary = _counts.Words.Concat(_background).Where(w => w != NGramModel.End && _pronunciations.Knows(w)).ToHashSet(StringComparer.Ordinal);
        var ordered = vocabulary.Order(StringComparer.Ordinal).ToList();
        var espeak = _pronunciations.SaidByEspeak(ordered.Where(w => !w.Contains('.', StringComparison.Ordinal)).ToList());
        using (var dict = new StreamWriter(DictionaryPath))
        {
            foreach (var word in ordered)
            {
                var variants = _pronunciations.Of(word);
                if (espeak.TryGetValue(word, out var said) && !variants.Contains(said))
                {
                    variants = [.. variants, said];
                }

                for (var i = 0; i < variants.Count; i++)
                {
                    dict.WriteLine(i == 0 ? $"{word} {variants[i]}" : $"{word}({(i + 1).ToString(CultureInfo.InvariantCulture)}) {variants[i]}");
                }
            }
        }

        // The decoder starts on this model under PocketSphinx's default search name.
        Base = Write("domain", _counts, vocabulary) with { Name = DefaultSearch };
    }

    public string Directory { get; }

    /// <summary>The dictionary of the base model's words (every decoder loads it).</summary>
    public string DictionaryPath { get; }

    /// <summary>The folder was made for this engine (no <c>WorkDirectory</c> configured): it goes with it.</summary>
    public bool IsOwnDirectory { get; }

    public LanguageModelFile Base { get; }

    /// <summary>The model for these phrases (built once per distinct set); the base model when there are none.</summary>
    public LanguageModelFile For(IReadOnlyList<string> phrases)
    {
        var clean = phrases.Select(Clean).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (clean.Count == 0)
        {
            return Base;
        }

        var key = "hints-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', clean))))[..16];
        if (_hintModels.Count > MaxCachedHintModels)
        {
            _hintModels.Clear();
        }

        return _hintModels.GetOrAdd(key, k => new Lazy<LanguageModelFile>(() => Build(k, clean))).Value;
    }

    private LanguageModelFile Build(string key, List<string> phrases)
    {
        // "Dr. Okonkwo" is also said "Okonkwo": the phrase's unusual words stand alone in the slots too.
        phrases = [.. phrases, .. phrases.Where(p => p.Contains(' ', StringComparison.Ordinal)).SelectMany(CommandCorpus.Words)
            .Where(w => w.Length > 2 && !_vocabulary.Contains(w)).Distinct(StringComparer.Ordinal)];
        var counts = _counts.Copy();
        var rounds = Math.Max(20, _options.CorpusRounds / 6);
        foreach (var sentence in CommandCorpus.Generate(rounds, Seed + 1, phrases))
        {
            counts.Add(sentence);
        }

        // The phrases on their own too: a name said alone ("Siobhan") or as an answer to a question.
        foreach (var phrase in phrases)
        {
            counts.Add(CommandCorpus.Words(phrase), 3);
        }

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in phrases.SelectMany(CommandCorpus.Words).Concat(counts.Words))
        {
            if (word != NGramModel.End && !_vocabulary.Contains(word) && !extra.ContainsKey(word))
            {
                extra[word] = _pronunciations.Of(word)[0];
            }
        }

        return Write(key, counts, null) with { ExtraWords = extra };
    }

    private LanguageModelFile Write(string name, NGramModel counts, HashSet<string>? vocabulary)
    {
        var path = System.IO.Path.Combine(Directory, name + ".lm");
        // Several hosts in one process (tests) share the folder: each writes its own file, then swaps it in.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var writer = new StreamWriter(temporary))
        {
            counts.WriteArpa(writer, _background, _options.BackgroundWeight, vocabulary is null ? _ => true : vocabulary.Contains);
        }

        File.Move(temporary, path, overwrite: true);
        return new LanguageModelFile(name, path, new Dictionary<string, string>());
    }

    /// <summary>A phrase as words the corpus can carry: letters, digits, apostrophes, hyphens and spaces.</summary>
    private static string Clean(string phrase)
    {
        var text = new StringBuilder();
        foreach (var c in phrase.ToLowerInvariant())
        {
            text.Append(char.IsLetterOrDigit(c) || c is '\'' or '-' ? c : ' ');
        }

        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static List<string> ReadBackground()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CleanAssistant.Infrastructure.Voice.PocketSphinx.common-words.txt")
            ?? throw new InvalidOperationException("The common-words resource is missing.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line.Trim());
            }
        }

        return words;
    }
}
