using System.Diagnostics;
using System.Text;

namespace CleanAssistant.WebApi.Tests.Support;

/// <summary>
/// Runs the Node.js scripts in tests/WebApi.Tests/node (the graphql-http audit, the headless
/// browser check), installing their packages with <c>npm ci</c> once per test run.
/// </summary>
public static class NodeTooling
{
    private static readonly Lazy<Task> Install = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder with package.json and the .mjs scripts.</summary>
    public static string ScriptsDirectory { get; } = FindScriptsDirectory();

    /// <summary>Runs <c>npm ci</c> unless node_modules is already there and current; once per process.</summary>
    public static Task EnsureInstalledAsync() => Install.Value;

    /// <summary>Runs <c>node script args…</c> in <see cref="ScriptsDirectory"/>; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunScriptAsync(
        string script, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", [script, .. arguments], ScriptsDirectory, timeout, cancellationToken);
    }

    /// <summary>Starts a process, collects its output and waits for it, at most <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout}.\n"
                + $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static async Task InstallAsync()
    {
        var installed = Path.Combine(ScriptsDirectory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(ScriptsDirectory, "package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }

        var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ScriptsDirectory, TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {ScriptsDirectory} (exit {result.ExitCode}):\n{result.StandardError}\n{result.StandardOutput}");
        }
    }

    private static string FindScriptsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node");
            if (File.Exists(Path.Combine(candidate, "package.json")) && File.Exists(Path.Combine(candidate, "audit.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No node/ folder with audit.mjs above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Exit code and output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
