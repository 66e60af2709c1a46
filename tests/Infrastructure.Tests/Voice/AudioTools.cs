using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>Runs the Debian audio tools (ffmpeg, sox, espeak-ng) that make test audio at run time; no audio is committed.</summary>
internal static class AudioTools
{
    public const string Ffmpeg = "/usr/bin/ffmpeg";
    public const string Sox = "/usr/bin/sox";
    public const string Espeak = "/usr/bin/espeak-ng";

    public static void Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{tool} did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    /// <summary>Reads raw 16-bit little-endian mono samples (what <c>sox ... -t raw</c> writes).</summary>
    public static short[] ReadRaw(string path) => MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(path)).ToArray();

    /// <summary>A temp folder deleted on dispose.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cleanassistant-audio-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Root mean square of the samples.</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    /// <summary>The frequency of a pure tone, from its zero crossings.</summary>
    public static double ToneFrequency(ReadOnlySpan<short> samples, int sampleRate)
    {
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 != samples[i] < 0)
            {
                crossings++;
            }
        }

        return crossings / 2.0 / ((double)samples.Length / sampleRate);
    }

    /// <summary>Whether a process still runs (a zombie waiting for its reaper does not).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
