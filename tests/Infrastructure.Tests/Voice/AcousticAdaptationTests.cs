using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.PocketSphinx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>The bundled acoustic adaptation: prepared from the base model, refused for another one, and better than the stock model in a noisy room.</summary>
public sealed class AcousticAdaptationTests(ITestOutputHelper output) : IDisposable
{
    private const string StockModel = "/usr/share/pocketsphinx/model/en-us/en-us";

    private readonly string _folder = AudioTools.NewFolder();

    [Fact]
    public void Prepare_FromTheBaseModel_WritesTheAdaptedParameters_Once()
    {
        var directory = AdaptedAcousticModel.Prepare(StockModel, _folder);

        directory.ShouldNotBeNull();
        File.ReadAllBytes(Path.Combine(directory, "mdef")).ShouldBe(File.ReadAllBytes(Path.Combine(StockModel, "mdef")));
        var means = File.ReadAllBytes(Path.Combine(directory, "means"));
        means.Length.ShouldBe((int)new FileInfo(Path.Combine(StockModel, "means")).Length);
        means.ShouldNotBe(File.ReadAllBytes(Path.Combine(StockModel, "means")));
        foreach (var file in new[] { "variances", "sendump", "transition_matrices", "feat.params", "noisedict" })
        {
            File.Exists(Path.Combine(directory, file)).ShouldBeTrue(file);
        }

        var written = File.GetLastWriteTimeUtc(Path.Combine(directory, "means"));
        AdaptedAcousticModel.Prepare(StockModel, _folder).ShouldBe(directory);
        File.GetLastWriteTimeUtc(Path.Combine(directory, "means")).ShouldBe(written);
        Directory.GetFiles(directory, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public void Prepare_ForAnotherModel_IsRefused()
    {
        var other = Path.Combine(_folder, "other-model");
        Directory.CreateDirectory(other);
        foreach (var file in Directory.GetFiles(StockModel))
        {
            File.Copy(file, Path.Combine(other, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(other, "mdef"), "\n");

        AdaptedAcousticModel.Prepare(other, Path.Combine(_folder, "work")).ShouldBeNull();
    }

    [Fact]
    public async Task Recognize_InANoisyRoom_TheAdaptedModelMakesFewerErrors()
    {
        string[] sentences =
        [
            "move my dentist appointment to thursday at three",
            "what's on my calendar tomorrow afternoon",
            "add lunch with sarah on friday at noon",
            "cancel the budget review next week",
            "remind me to call the plumber in two hours",
            "when am i free on tuesday",
        ];
        var clips = sentences.Select((s, i) => Room(s, i % 2 == 0 ? "en+f3" : "en-gb-scotland", i)).ToList();

        var stock = await ErrorsAsync(PocketSphinxAcousticAdaptation.None, sentences, clips);
        var adapted = await ErrorsAsync(PocketSphinxAcousticAdaptation.Bundled, sentences, clips);

        output.WriteLine($"word errors in {sentences.Sum(s => s.Split(' ').Length)} words: stock model {stock}, adapted {adapted}");
        adapted.ShouldBeLessThan(stock, $"word errors: adapted {adapted}, stock {stock}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<int> ErrorsAsync(PocketSphinxAcousticAdaptation adaptation, string[] sentences, List<PcmAudio> clips)
    {
        using var recognizer = new PocketSphinxRecognizer(
            Options.Create(new PocketSphinxOptions { WorkDirectory = Path.Combine(_folder, adaptation.ToString()), MaxDecoders = 2, AcousticAdaptation = adaptation }),
            NullLogger<PocketSphinxRecognizer>.Instance);
        var errors = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            var transcript = await recognizer.RecognizeAsync(clips[i], RecognitionHints.None, CancellationToken.None);
            errors += WordErrors.Count(sentences[i], transcript.Text);
        }

        return errors;
    }

    /// <summary>The sentence said by espeak-ng in a reverberant room with pink noise at about 12 dB (sox, repeatable), as 16 kHz PCM.</summary>
    private PcmAudio Room(string sentence, string voice, int index)
    {
        var file = (string name) => Path.Combine(_folder, $"{name}{index}.wav");
        AudioTools.Run(AudioTools.Espeak, "-v", voice, "-s", "160", "-w", file("raw"), sentence);
        AudioTools.Run(AudioTools.Sox, file("raw"), "-r", "16000", "-c", "1", "-b", "16", file("dry"), "pad", "0.3", "0.4", "norm", "-3");
        AudioTools.Run(AudioTools.Sox, file("dry"), file("room"), "reverb", "50", "50", "70", "100", "0", "0", "norm", "-3");
        AudioTools.Run(AudioTools.Sox, "-R", file("room"), file("noise"), "synth", "pinknoise", "vol", "0.08");
        var mixed = Path.Combine(_folder, $"mixed{index}.raw");
        AudioTools.Run(AudioTools.Sox, "-m", file("room"), file("noise"), "-t", "raw", "-e", "signed", "-b", "16", mixed, "norm", "-2");
        return new PcmAudio(AudioTools.ReadRaw(mixed));
    }
}
