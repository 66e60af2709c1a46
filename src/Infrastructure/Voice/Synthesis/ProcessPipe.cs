using System.Diagnostics;

namespace CleanAssistant.Infrastructure.Voice.Synthesis;

/// <summary>
/// Runs a program the safe way: an argument list (no shell), the input on stdin (never in argv, where it could
/// be read as an option), stdout collected, a time limit, and the whole process tree killed on time-out or
/// cancellation.
/// </summary>
internal static class ProcessPipe
{
    public static async Task<byte[]> RunAsync(string program, IReadOnlyList<string> arguments, byte[] input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new ProcessPipeException($"{Path.GetFileName(program)} could not be started", exception);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            using var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output, timer.Token);
            var errors = process.StandardError.ReadToEndAsync(timer.Token);
            await WriteInputAsync(process, input, timer.Token);
            await reading;
            var error = await errors;
            await process.WaitForExitAsync(timer.Token);
            if (process.ExitCode != 0)
            {
                throw new ProcessPipeException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {FirstLine(error)}");
            }

            return output.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new ProcessPipeException($"{Path.GetFileName(program)} took longer than {timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s");
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    private static async Task WriteInputAsync(Process process, byte[] input, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken);
            await process.StandardInput.BaseStream.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The program stopped reading (it failed); its exit code tells why.
        }
        finally
        {
            process.StandardInput.Close();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}

/// <summary>A local program failed, could not be started, or took too long.</summary>
internal sealed class ProcessPipeException(string message, Exception? inner = null) : Exception(message, inner);
