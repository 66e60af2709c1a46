using CleanAssistant.WebApi.Tests.Support;
using Xunit.Abstractions;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>The graphql-http audit suite against the real server (Program.cs, real schema, real database) on a socket.</summary>
public sealed class ServerConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RealServer_PassesEveryMustAndShouldAuditOfGraphQLHttp()
    {
        await using var api = await ApiFactory.CreateAsync();
        var baseAddress = api.StartOnSocket();

        var report = await GraphQLHttpAudit.RunAsync(new Uri(baseAddress, "/graphql"));

        foreach (var group in report.Results.GroupBy(r => r.Requirement).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key}: {group.Count(r => r.Ok)} of {group.Count()} passed");
        }

        foreach (var result in report.Results.Where(r => r.Requirement == "MAY"))
        {
            output.WriteLine(result.ToString());
        }

        report.Results.Count(r => r.Requirement == "MUST").ShouldBeGreaterThan(10);
        report.Results.Count(r => r.Requirement == "SHOULD").ShouldBeGreaterThan(10);
        var failures = report.Results.Where(r => r.Requirement is "MUST" or "SHOULD" && !r.Ok).ToList();
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    [Transport.ChromiumFact]
    public async Task RealServer_ServesTheIde_WhichLoadsTheWholeSchemaInABrowser()
    {
        await using var api = await ApiFactory.CreateAsync();
        var baseAddress = api.StartOnSocket();

        var result = await GraphQLIdeProbe.RunAsync(baseAddress);

        output.WriteLine(result.Details);
        result.Ok.ShouldBeTrue(result.Details);
    }
}
