using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace CleanAssistant.WebApi.Tests.Cli;

/// <summary>The built program as an operator runs it: configured by environment variables, the password piped in.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task Program_ConfiguredByEnvironment_MigratesAndCreatesAUserFromAPipe()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("cleanassistant-cli-");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["CLEANASSISTANT__DATABASE__PROVIDER"] = "Sqlite",
                ["CLEANASSISTANT__DATABASE__CONNECTIONSTRING"] = database.ConnectionString,
            };

            var migrated = await CliRun.ChildProcessAsync(["migrate"], folder.FullName, environment);
            migrated.ExitCode.ShouldBe(0, migrated.ToString());
            migrated.Out.ShouldContain("Schema: applied");

            var created = await CliRun.ChildProcessAsync(
                ["user", "create", "--email", "ann@example.com", "--display-name", "Ann", "--password-stdin"],
                folder.FullName,
                environment,
                stdin: CliRun.Password + "\n");
            created.ExitCode.ShouldBe(0, created.ToString());

            (await CliRun.InspectAsync(database, (db, _) => db.Users.Select(u => u.Email).SingleAsync())).ShouldBe("ann@example.com");
            Directory.EnumerateFileSystemEntries(folder.FullName).ShouldBeEmpty("the configured database is used, not ./data");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Program_WithoutAPasswordSource_ExitsWithTheUsageCode()
    {
        var folder = Directory.CreateTempSubdirectory("cleanassistant-cli-");
        try
        {
            // Standard input is a (closed) pipe here, not a terminal: the CLI must not wait for a prompt.
            var result = await CliRun.ChildProcessAsync(
                ["user", "create", "--email", "ann@example.com", "--display-name", "Ann"], folder.FullName, new Dictionary<string, string>());

            result.ExitCode.ShouldBe(2, result.ToString());
            result.Error.ShouldContain("--password-stdin");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
