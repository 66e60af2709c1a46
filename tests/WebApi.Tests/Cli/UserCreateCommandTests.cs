using System.Net;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class UserCreateCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UserCreate_WithPasswordFromStdin_StoresTheUserWithAHashedPassword(DatabaseProvider provider)
    {
        await using var database = await MigratedAsync(provider);

        var result = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "Ann@Example.com", "--display-name", "Ann", "--time-zone", "Europe/Berlin", "--admin", "--password-stdin" }.On(database),
            stdin: CliRun.Password + "\n");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("Created administrator ann@example.com");
        var (user, calendars, check) = await CliRun.InspectAsync(database, async (db, hasher) =>
        {
            var user = await db.Users.SingleAsync();
            return (user, await db.Calendars.CountAsync(c => c.OwnerId == user.Id), hasher.Verify(user.PasswordHash, CliRun.Password));
        });
        user.Email.ShouldBe("ann@example.com");
        user.DisplayName.ShouldBe("Ann");
        user.TimeZone.Value.ShouldBe("Europe/Berlin");
        user.Role.ShouldBe(UserRole.Admin);
        result.Out.ShouldContain(user.Id.ToString());
        calendars.ShouldBe(1, "a default calendar comes with the account");
        user.PasswordHash.ShouldNotContain(CliRun.Password);
        user.PasswordHash.ShouldStartWith("pbkdf2-sha256$");
        check.ShouldBe(PasswordCheck.Success, "the trailing newline from the pipe is not part of the password");
    }

    [Fact]
    public async Task UserCreate_WithoutAdmin_CreatesAnOrdinaryUserInUtc()
    {
        await using var database = await MigratedAsync(DatabaseProvider.Sqlite);

        var result = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "bo@example.com", "--display-name", "Bo", "--password-stdin" }.On(database), stdin: CliRun.Password);

        result.ExitCode.ShouldBe(0, result.ToString());
        var user = await CliRun.InspectAsync(database, (db, _) => db.Users.SingleAsync());
        user.Role.ShouldBe(UserRole.User);
        user.TimeZone.Value.ShouldBe("UTC");
    }

    [Fact]
    public async Task UserCreate_WithATakenEmail_ExitsWith3AndCreatesNobody()
    {
        await using var database = await MigratedAsync(DatabaseProvider.Sqlite);
        string[] create = ["user", "create", "--email", "ann@example.com", "--display-name", "Ann", "--password-stdin"];
        (await CliRun.InProcessAsync(create.On(database), stdin: CliRun.Password)).ExitCode.ShouldBe(0);

        var again = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", " ANN@example.com", "--display-name", "Other Ann", "--password-stdin" }.On(database), stdin: "another password");

        again.ExitCode.ShouldBe(3, again.ToString());
        again.Error.ShouldContain("already exists");
        again.Error.ShouldContain("EMAIL_TAKEN");
        (await CliRun.InspectAsync(database, (db, _) => db.Users.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task UserCreate_WithInvalidInput_ListsEveryProblemByOptionAndExitsWith3()
    {
        await using var database = await MigratedAsync(DatabaseProvider.Sqlite);

        var result = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "not-an-address", "--display-name", "Ann", "--time-zone", "Mars/Olympus_Mons", "--password-stdin" }.On(database),
            stdin: "short\n");

        result.ExitCode.ShouldBe(3, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.TrimEntries);
        lines.ShouldContain(l => l.StartsWith("--email:", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("--time-zone:", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("password:", StringComparison.Ordinal) && l.Contains("at least 8", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.StartsWith("--display-name:", StringComparison.Ordinal));
        result.Error.ShouldNotContain("short");
        (await CliRun.InspectAsync(database, (db, _) => db.Users.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task UserCreate_WithNoPasswordSourceAndNoTerminal_ExitsWithTheUsageCodeBeforeTouchingTheDatabase()
    {
        var result = await CliRun.InProcessAsync(
            ["user", "create", "--email", "ann@example.com", "--display-name", "Ann", "--connection-string", "Data Source=/nonexistent/folder/x.db"]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--password-stdin");
    }

    [Fact]
    public async Task UserCreate_AtATerminal_AsksTwiceWithoutEchoing()
    {
        await using var database = await MigratedAsync(DatabaseProvider.Sqlite);
        var prompts = new List<string>();

        var result = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "ann@example.com", "--display-name", "Ann" }.On(database),
            terminalAnswers: new Queue<string?>([CliRun.Password, CliRun.Password]),
            prompts: prompts);

        result.ExitCode.ShouldBe(0, result.ToString());
        prompts.Count.ShouldBe(2);
        (result.Out + result.Error).ShouldNotContain(CliRun.Password);
        var check = await CliRun.InspectAsync(database, async (db, hasher) => hasher.Verify((await db.Users.SingleAsync()).PasswordHash, CliRun.Password));
        check.ShouldBe(PasswordCheck.Success);
    }

    [Fact]
    public async Task UserCreate_AtATerminal_WhenTheTwoPasswordsDiffer_ExitsWith3AndCreatesNobody()
    {
        await using var database = await MigratedAsync(DatabaseProvider.Sqlite);

        var result = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "ann@example.com", "--display-name", "Ann" }.On(database),
            terminalAnswers: new Queue<string?>([CliRun.Password, "correct horse battery staple"]));

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("differ");
        (await CliRun.InspectAsync(database, (db, _) => db.Users.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task UserCreatedByTheCli_CanSignInThroughTheApi()
    {
        await using var database = await MigratedAsync(DatabaseProvider.Sqlite);
        var created = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "ops@example.com", "--display-name", "Ops", "--admin", "--password-stdin" }.On(database), stdin: CliRun.Password);
        created.ExitCode.ShouldBe(0, created.ToString());
        var keys = Directory.CreateTempSubdirectory("cleanassistant-cli-keys-");

        try
        {
            await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                foreach (var (key, value) in database.Settings)
                {
                    builder.UseSetting(key, value);
                }

                builder.UseSetting("Identity:KeysDirectory", keys.FullName);
                builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            });
            using var client = api.CreateClient();
            using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "cleanassistant-app",
                ["username"] = "ops@example.com",
                ["password"] = CliRun.Password,
                ["scope"] = "api",
            }));

            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            body.ShouldContain("access_token");
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    private static async Task<TestDatabase> MigratedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var migrated = await CliRun.InProcessAsync(new[] { "migrate" }.On(database));
        migrated.ExitCode.ShouldBe(0, migrated.ToString());
        return database;
    }
}
