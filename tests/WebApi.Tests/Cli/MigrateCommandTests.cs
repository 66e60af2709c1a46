using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class MigrateCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_OnAnEmptyDatabase_CreatesTheSchemaAndRegistersTheAppClient(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await CliRun.InProcessAsync(new[] { "migrate" }.On(database));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain($"Database: {provider}");
        result.Out.ShouldContain("Schema: applied");
        result.Out.ShouldContain("registered the first-party OAuth client 'cleanassistant-app'");
        var (pending, users, client) = await CliRun.InspectAsync(database, async (db, _) => (
            (await db.Database.GetPendingMigrationsAsync()).ToList(),
            await db.Users.CountAsync(),
            await db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.ClientId == "cleanassistant-app")));
        pending.ShouldBeEmpty();
        users.ShouldBe(0);
        client.ClientType.ShouldBe("public");
    }

    [Fact]
    public async Task Migrate_RunAgain_ChangesNothingAndSaysSo()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        (await CliRun.InProcessAsync(new[] { "migrate" }.On(database))).ExitCode.ShouldBe(0);

        var again = await CliRun.InProcessAsync(new[] { "migrate" }.On(database));

        again.ExitCode.ShouldBe(0, again.ToString());
        again.Out.ShouldContain("Schema: up to date");
        again.Out.ShouldContain("was already registered");
        (await CliRun.InspectAsync(database, (db, _) => db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task Migrate_TakesTheDatabaseFromConfiguration_AndTheOptionsOverrideIt()
    {
        var folder = Directory.CreateTempSubdirectory("cleanassistant-cli-");
        try
        {
            var configured = Path.Combine(folder.FullName, "configured", "app.db");
            var overridden = Path.Combine(folder.FullName, "overridden", "app.db");
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={configured};Pooling=False",
            };

            var fromConfiguration = await CliRun.InProcessAsync(["migrate"], settings: settings);
            fromConfiguration.ExitCode.ShouldBe(0, fromConfiguration.ToString());
            File.Exists(configured).ShouldBeTrue("the configured SQLite file and its folder are created");

            var fromOption = await CliRun.InProcessAsync(["migrate", "--connection-string", $"Data Source={overridden};Pooling=False"], settings: settings);
            fromOption.ExitCode.ShouldBe(0, fromOption.ToString());
            fromOption.Out.ShouldContain(overridden);
            fromOption.Out.ShouldContain("Schema: applied");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_WhenTheDatabaseCannotBeReached_ExitsWith1AndSaysWhy()
    {
        var result = await CliRun.InProcessAsync(
            ["migrate", "--database-provider", "Postgres", "--connection-string", "Host=127.0.0.1;Port=1;Username=x;Password=hunter2;Timeout=5"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("error:");
        result.Error.ShouldContain("127.0.0.1");
        (result.Out + result.Error).ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task Migrate_WithAnInvalidConfiguredProvider_ExitsWithTheUsageCode()
    {
        var result = await CliRun.InProcessAsync(["migrate"], settings: new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" });

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("configuration");
        result.Error.ShouldContain("Database:Provider");
    }
}
