using System.Diagnostics;
using System.Runtime.InteropServices;
using CleanAssistant.Application.Voice;
using CleanAssistant.Infrastructure.Voice.PocketSphinx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>One recogniser for the PocketSphinx tests (the command model is built once), and espeak-ng speech made in a temp folder.</summary>
public sealed class PocketSphinxFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pocketsphinx-tests-").FullName;

    public PocketSphinxFixture()
    {
        Recognizer = new PocketSphinxRecognizer(
            Options.Create(new PocketSphinxOptions { WorkDirectory = Path.Combine(_folder, "model"), MaxDecoders = 2 }),
            NullLogger<PocketSphinxRecognizer>.Instance);
        Recognizer.WarmUp();
    }

    public PocketSphinxRecognizer Recognizer { get; }

    /// <summary>The sentence spoken by espeak-ng, resampled to 16 kHz mono PCM with soxr as the decoder does.</summary>
    public PcmAudio Speak(string text, string voice = "en-us", int wordsPerMinute = 165)
    {
        var wav = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".wav");
        Run("espeak-ng", "-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", wav, text);
        var raw = Run("ffmpeg", "-nostdin", "-v", "error", "-i", wav, "-af", "aresample=16000:resampler=soxr", "-ac", "1", "-f", "s16le", "-");
        return new PcmAudio(MemoryMarshal.Cast<byte, short>(raw).ToArray());
    }

    public void Dispose()
    {
        Recognizer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static byte[] Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} failed: {errors.Result}");
        return output.ToArray();
    }
}
