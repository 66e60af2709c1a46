// Prints spoken calendar commands from the local engine's corpus generator (CommandCorpus), one JSON line
// each ({"id", "text"}), the input of make-dev-audio.sh for acoustic adaptation:
//
//   dotnet run tools/voice/command-sentences.cs -- COUNT [SEED]
#:project ../../src/Infrastructure/Infrastructure.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CleanAssistant.Infrastructure.Voice.PocketSphinx;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4242;
var generate = typeof(PocketSphinxRecognizer).Assembly
    .GetType("CleanAssistant.Infrastructure.Voice.PocketSphinx.CommandCorpus")!
    .GetMethod("Generate", BindingFlags.Public | BindingFlags.Static)!;
var sentences = new List<string>();
var seen = new HashSet<string>(StringComparer.Ordinal);
foreach (IReadOnlyList<string> words in (IEnumerable)generate.Invoke(null, [Math.Max(1, count / 100), seed, null, 0.3])!)
{
    var line = string.Join(' ', words);
    if (words.Count >= 3 && seen.Add(line))
    {
        sentences.Add(line);
    }
}

// A shuffled sample, so every kind of command is in it.
var random = new Random(seed);
foreach (var (line, index) in sentences.OrderBy(_ => random.Next()).Take(count).Select((l, i) => (l, i)))
{
    Console.WriteLine(JsonSerializer.Serialize(new { id = $"s{index:D4}", text = line }));
}
