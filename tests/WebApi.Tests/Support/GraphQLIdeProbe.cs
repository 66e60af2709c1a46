using System.Text.Json;

namespace CleanAssistant.WebApi.Tests.Support;

/// <summary>
/// Opens the GraphQL IDE at <c>{baseAddress}/graphql</c> in headless Chromium (node/ide.mjs) and
/// reports whether it loaded the schema and ran an operation; reusable against any server.
/// </summary>
public static class GraphQLIdeProbe
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>Runs the check; <paramref name="screenshotPath"/>, if given, receives the final page.</summary>
    public static async Task<GraphQLIdeProbeResult> RunAsync(Uri baseAddress, string? screenshotPath = null, CancellationToken cancellationToken = default)
    {
        string[] arguments = screenshotPath is null ? [baseAddress.AbsoluteUri] : [baseAddress.AbsoluteUri, screenshotPath];
        var run = await NodeTooling.RunScriptAsync("ide.mjs", arguments, TimeSpan.FromMinutes(3), cancellationToken);
        if (run.ExitCode != 0 || string.IsNullOrWhiteSpace(run.StandardOutput))
        {
            throw new InvalidOperationException($"ide.mjs failed (exit {run.ExitCode}):\n{run.StandardError}\n{run.StandardOutput}");
        }

        using var report = JsonDocument.Parse(run.StandardOutput);
        var root = report.RootElement;
        return new GraphQLIdeProbeResult(
            root.GetProperty("ok").GetBoolean(),
            JsonSerializer.Serialize(root.GetProperty("details"), Indented),
            run.StandardError);
    }
}

/// <summary>Outcome of <see cref="GraphQLIdeProbe"/>: <see cref="Details"/> is the script's JSON, for the test output.</summary>
public sealed record GraphQLIdeProbeResult(bool Ok, string Details, string StandardError);
