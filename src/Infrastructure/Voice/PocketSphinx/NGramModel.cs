using System.Globalization;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>
/// Word counts of a corpus (up to trigrams) and the ARPA back-off model they give: interpolated Witten-Bell
/// discounting, written in back-off form so every listed probability is the interpolated one and the back-off
/// weights keep each history's distribution summing to one. A background unigram distribution (everyday English
/// words) takes a small share, so words outside the commands stay reachable through the unigram back-off.
/// </summary>
internal sealed class NGramModel
{
    public const string Start = "<s>";
    public const string End = "</s>";

    private readonly Dictionary<string, long> _unigrams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), long> _bigrams = [];
    private readonly Dictionary<(string, string, string), long> _trigrams = [];

    public int Sentences { get; private set; }

    public IEnumerable<string> Words => _unigrams.Keys;

    public void Add(IReadOnlyList<string> words, int times = 1)
    {
        if (words.Count == 0)
        {
            return;
        }

        Sentences += times;
        var padded = new List<string>(words.Count + 2) { Start };
        padded.AddRange(words);
        padded.Add(End);
        for (var i = 1; i < padded.Count; i++)
        {
            Bump(_unigrams, padded[i], times);
            Bump(_bigrams, (padded[i - 1], padded[i]), times);
            if (i >= 2)
            {
                Bump(_trigrams, (padded[i - 2], padded[i - 1], padded[i]), times);
            }
        }
    }

    public NGramModel Copy()
    {
        var copy = new NGramModel { Sentences = Sentences };
        foreach (var (k, v) in _unigrams)
        {
            copy._unigrams[k] = v;
        }

        foreach (var (k, v) in _bigrams)
        {
            copy._bigrams[k] = v;
        }

        foreach (var (k, v) in _trigrams)
        {
            copy._trigrams[k] = v;
        }

        return copy;
    }

    /// <summary>
    /// Writes the model as ARPA text. <paramref name="background"/> holds everyday words (most frequent first) that share
    /// <paramref name="backgroundWeight"/> of the unigram mass; words <paramref name="canSay"/> rejects are left out.
    /// </summary>
    public void WriteArpa(TextWriter writer, IReadOnlyList<string> background, double backgroundWeight, Func<string, bool> canSay, int minTrigramCount = 1)
    {
        // Unigrams: the corpus's (Witten-Bell against a uniform floor) mixed with the background's Zipf-shaped share.
        var vocabulary = _unigrams.Keys.Where(w => w == End || canSay(w)).ToHashSet(StringComparer.Ordinal);
        var backgroundWords = background.Where(canSay).Distinct(StringComparer.Ordinal).ToList();
        vocabulary.UnionWith(backgroundWords);
        var total = _unigrams.Where(p => vocabulary.Contains(p.Key)).Sum(p => p.Value);
        var types = _unigrams.Count(p => vocabulary.Contains(p.Key));
        var lambda = total / (double)(total + types);
        var zipf = new Dictionary<string, double>(StringComparer.Ordinal);
        var zipfTotal = 0.0;
        for (var i = 0; i < backgroundWords.Count; i++)
        {
            var weight = 1.0 / (i + 10);
            zipf[backgroundWords[i]] = weight;
            zipfTotal += weight;
        }

        var unigram = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in vocabulary)
        {
            var ml = _unigrams.TryGetValue(word, out var c) ? c / (double)total : 0;
            var corpus = lambda * ml + (1 - lambda) / vocabulary.Count;
            var bg = zipf.TryGetValue(word, out var z) ? z / zipfTotal : 0;
            unigram[word] = backgroundWeight > 0 && backgroundWords.Count > 0 ? (1 - backgroundWeight) * corpus + backgroundWeight * bg : corpus;
        }

        // Bigrams: P(w|h) = λh·ML + (1−λh)·P(w).
        var bigramHistory = Histories(_bigrams.Where(p => vocabulary.Contains(p.Key.Item2) && (p.Key.Item1 == Start || vocabulary.Contains(p.Key.Item1))).Select(p => (p.Key.Item1, p.Key.Item2, p.Value)));
        var bigram = new Dictionary<(string, string), double>();
        var bigramBackoff = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (h, (count, followers, list)) in bigramHistory)
        {
            var l = count / (double)(count + followers);
            double listed = 0, lower = 0;
            foreach (var (w, c) in list)
            {
                var p = l * c / count + (1 - l) * unigram[w];
                bigram[(h, w)] = p;
                listed += p;
                lower += unigram[w];
            }

            bigramBackoff[h] = Math.Max(1e-12, 1 - listed) / Math.Max(1e-12, 1 - lower);
        }

        double Bigram(string h, string w) =>
            bigram.TryGetValue((h, w), out var p) ? p : (bigramBackoff.TryGetValue(h, out var a) ? a : 1) * unigram[w];

        var trigramHistory = Histories(_trigrams
            .Where(p => p.Value >= minTrigramCount && bigram.ContainsKey((p.Key.Item1, p.Key.Item2)) && bigram.ContainsKey((p.Key.Item2, p.Key.Item3)))
            .Select(p => ((p.Key.Item1, p.Key.Item2), p.Key.Item3, p.Value)));
        var trigram = new List<(string, string, string, double)>();
        var trigramBackoff = new Dictionary<(string, string), double>();
        foreach (var (h, (count, followers, list)) in trigramHistory)
        {
            var l = count / (double)(count + followers);
            double listed = 0, lower = 0;
            foreach (var (w, c) in list)
            {
                var low = Bigram(h.Item2, w);
                var p = l * c / count + (1 - l) * low;
                trigram.Add((h.Item1, h.Item2, w, p));
                listed += p;
                lower += low;
            }

            trigramBackoff[h] = Math.Max(1e-12, 1 - listed) / Math.Max(1e-12, 1 - lower);
        }

        writer.WriteLine("\\data\\");
        writer.WriteLine(Invariant($"ngram 1={vocabulary.Count + 1}"));
        writer.WriteLine(Invariant($"ngram 2={bigram.Count}"));
        writer.WriteLine(Invariant($"ngram 3={trigram.Count}"));
        writer.WriteLine();
        writer.WriteLine("\\1-grams:");
        writer.WriteLine(Invariant($"-99.0000\t{Start}\t{Log(bigramBackoff.GetValueOrDefault(Start, 1))}"));
        foreach (var word in vocabulary.Order(StringComparer.Ordinal))
        {
            writer.WriteLine(bigramBackoff.TryGetValue(word, out var a)
                ? Invariant($"{Log(unigram[word])}\t{word}\t{Log(a)}")
                : Invariant($"{Log(unigram[word])}\t{word}"));
        }

        writer.WriteLine();
        writer.WriteLine("\\2-grams:");
        foreach (var ((h, w), p) in bigram)
        {
            writer.WriteLine(trigramBackoff.TryGetValue((h, w), out var a)
                ? Invariant($"{Log(p)}\t{h} {w}\t{Log(a)}")
                : Invariant($"{Log(p)}\t{h} {w}"));
        }

        writer.WriteLine();
        writer.WriteLine("\\3-grams:");
        foreach (var (u, v, w, p) in trigram)
        {
            writer.WriteLine(Invariant($"{Log(p)}\t{u} {v} {w}"));
        }

        writer.WriteLine();
        writer.WriteLine("\\end\\");
    }

    private static Dictionary<TH, (long Count, int Followers, List<(string Word, long Count)> List)> Histories<TH>(IEnumerable<(TH History, string Word, long Count)> grams)
        where TH : notnull
    {
        var result = new Dictionary<TH, (long, int, List<(string, long)>)>();
        foreach (var (h, w, c) in grams)
        {
            if (!result.TryGetValue(h, out var entry))
            {
                entry = (0, 0, []);
            }

            entry.Item3.Add((w, c));
            result[h] = (entry.Item1 + c, entry.Item2 + 1, entry.Item3);
        }

        return result;
    }

    private static string Log(double p) => Math.Log10(Math.Max(p, 1e-99)).ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Bump<TK>(Dictionary<TK, long> counts, TK key, long by)
        where TK : notnull => counts[key] = counts.GetValueOrDefault(key) + by;
}
