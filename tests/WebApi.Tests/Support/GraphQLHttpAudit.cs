using System.Text.Json;

namespace CleanAssistant.WebApi.Tests.Support;

/// <summary>
/// The graphql-http audit suite (GraphQL over HTTP spec conformance), run by node/audit.mjs
/// against any GraphQL endpoint: the test host here, or the real server.
/// </summary>
public static class GraphQLHttpAudit
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Audits <paramref name="endpoint"/> (e.g. http://127.0.0.1:5000/graphql).</summary>
    public static async Task<GraphQLHttpAuditReport> RunAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        var run = await NodeTooling.RunScriptAsync("audit.mjs", [endpoint.AbsoluteUri], TimeSpan.FromMinutes(3), cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"audit.mjs failed (exit {run.ExitCode}):\n{run.StandardError}\n{run.StandardOutput}");
        }

        return JsonSerializer.Deserialize<GraphQLHttpAuditReport>(run.StandardOutput, JsonOptions)
            ?? throw new InvalidOperationException("audit.mjs printed no report.");
    }
}

/// <summary>What audit.mjs prints.</summary>
public sealed record GraphQLHttpAuditReport(string Url, IReadOnlyList<GraphQLHttpAuditResult> Results);

/// <summary>One audit: <see cref="Requirement"/> is MUST, SHOULD or MAY (RFC 2119).</summary>
public sealed record GraphQLHttpAuditResult(
    string Id,
    string Name,
    string Requirement,
    bool Ok,
    string Status,
    string? Reason,
    GraphQLHttpAuditResponse? Response)
{
    public override string ToString() =>
        $"{(Ok ? "ok  " : "FAIL")} {Id} {Name}"
        + (Ok ? string.Empty : $" -- {Reason}" + (Response is null ? string.Empty : $" [{Response.Status} {Response.ContentType}] {Response.Body}"));
}

/// <summary>The response a failed audit saw, for diagnosis.</summary>
public sealed record GraphQLHttpAuditResponse(int Status, string? ContentType, string? Body);
