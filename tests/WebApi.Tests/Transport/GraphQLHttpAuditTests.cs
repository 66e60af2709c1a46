using CleanAssistant.WebApi.Tests.Support;
using Xunit.Abstractions;

namespace CleanAssistant.WebApi.Tests.Transport;

/// <summary>The graphql-http audit suite, the reference check of the GraphQL over HTTP spec, on a real socket.</summary>
public sealed class GraphQLHttpAuditTests(TransportTestHost host, ITestOutputHelper output) : IClassFixture<TransportTestHost>
{
    [Fact]
    public async Task Endpoint_PassesEveryMustAndShouldAudit()
    {
        var report = await GraphQLHttpAudit.RunAsync(host.GraphQLEndpoint);

        foreach (var group in report.Results.GroupBy(r => r.Requirement).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key}: {group.Count(r => r.Ok)} of {group.Count()} passed");
        }

        foreach (var result in report.Results)
        {
            output.WriteLine(result.ToString());
        }

        // A report that ran nothing (say, a changed package layout) must not pass silently.
        report.Results.Count(r => r.Requirement == "MUST").ShouldBeGreaterThan(10);
        report.Results.Count(r => r.Requirement == "SHOULD").ShouldBeGreaterThan(10);

        var failures = report.Results.Where(r => r.Requirement is "MUST" or "SHOULD" && !r.Ok).ToList();
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }
}
