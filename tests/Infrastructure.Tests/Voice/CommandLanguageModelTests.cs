using System.Globalization;
using CleanAssistant.Infrastructure.Voice.PocketSphinx;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>The generated command model: a proper back-off model, and the interpreter's phrases in its corpus.</summary>
public sealed class CommandLanguageModelTests
{
    [Fact]
    public void Arpa_EveryHistory_SumsToOne()
    {
        var model = new NGramModel();
        model.Add(["move", "the", "meeting", "to", "friday"]);
        model.Add(["move", "the", "call", "to", "monday"]);
        model.Add(["cancel", "the", "meeting"]);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        model.WriteArpa(writer, ["the", "a", "hello"], 0.1, _ => true);
        var arpa = Parse(writer.ToString());

        foreach (var history in new[] { "the", "move", "<s>", "hello" })
        {
            arpa.Vocabulary.Where(w => w != "<s>").Sum(w => Math.Pow(10, arpa.Bigram(history, w))).ShouldBe(1.0, 0.01, history);
        }

        arpa.Vocabulary.Where(w => w != "<s>").Sum(w => Math.Pow(10, arpa.Trigram("move", "the", w))).ShouldBe(1.0, 0.01);
    }

    [Fact]
    public void Corpus_SpeaksTimesAndUserPhrasesAsWords()
    {
        var sentences = CommandCorpus.Generate(20, 1, ["Siobhan Kelly"]).Select(s => string.Join(' ', s)).ToList();

        sentences.ShouldContain(s => s.Contains("siobhan kelly", StringComparison.Ordinal));
        sentences.ShouldContain(s => s.Contains(" p.m.", StringComparison.Ordinal));
        sentences.ShouldAllBe(s => !s.Any(char.IsDigit) && !s.Contains('{') && !s.Contains('('));
    }

    [Fact]
    public void Ipa_FromEspeak_BecomesCmuPhones()
    {
        Pronunciations.FromIpa("ɑːkˈɔŋkwoʊ").ShouldBe("AA K AO NG K W OW");
        Pronunciations.FromIpa("ʃɪvˈɔːn").ShouldBe("SH IH V AO N");
    }

    private sealed record Arpa(Dictionary<string, (double P, double B)> Uni, Dictionary<string, (double P, double B)> Bi, Dictionary<string, double> Tri)
    {
        public IEnumerable<string> Vocabulary => Uni.Keys;

        public double Bigram(string h, string w) =>
            Bi.TryGetValue($"{h} {w}", out var p) ? p.P : Uni[h].B + Uni[w].P;

        public double Trigram(string u, string v, string w) =>
            Tri.TryGetValue($"{u} {v} {w}", out var p) ? p : (Bi.TryGetValue($"{u} {v}", out var b) ? b.B : 0) + Bigram(v, w);
    }

    private static Arpa Parse(string text)
    {
        var uni = new Dictionary<string, (double, double)>();
        var bi = new Dictionary<string, (double, double)>();
        var tri = new Dictionary<string, double>();
        var order = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('\\'))
            {
                order = line.Length > 1 && char.IsDigit(line[1]) ? line[1] - '0' : 0;
                continue;
            }

            var parts = line.Split('\t');
            if (order == 0 || parts.Length < 2)
            {
                continue;
            }

            var p = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var b = parts.Length > 2 ? double.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
            switch (order)
            {
                case 1: uni[parts[1]] = (p, b); break;
                case 2: bi[parts[1]] = (p, b); break;
                default: tri[parts[1]] = p; break;
            }
        }

        return new Arpa(uni, bi, tri);
    }
}
