using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class ClientCommandTests
{
    [Fact]
    public async Task ClientsAddListRemove_AsAnAdministrator()
    {
        await using var database = await MigratedWithAdminAsync();

        var added = await CliRun.InProcessAsync(new[]
        {
            "clients", "add", "--user", "root@example.com", "--name", "Kitchen speaker", "--type", "public",
            "--grant", "device_code", "--grant", "refresh_token", "--scope", "assistant",
        }.On(database));
        added.ExitCode.ShouldBe(0, added.ToString());
        added.Out.ShouldContain("Registered public client 'Kitchen speaker'.");
        added.Out.ShouldNotContain("client secret");
        var clientId = added.Out.Split('\n').Single(l => l.Contains("client id:", StringComparison.Ordinal)).Split(':')[1].Trim();

        var listed = await CliRun.InProcessAsync(new[] { "clients", "list", "--user", "root@example.com" }.On(database));
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Out.ShouldContain($"{clientId}\tpublic\tKitchen speaker\trefresh_token,device_code\tassistant");

        var removed = await CliRun.InProcessAsync(new[] { "clients", "remove", "--user", "root@example.com", clientId }.On(database));
        removed.ExitCode.ShouldBe(0, removed.ToString());
        (await CliRun.InProcessAsync(new[] { "clients", "list", "--user", "root@example.com" }.On(database))).Out.ShouldNotContain(clientId);
        (await CliRun.InProcessAsync(new[] { "clients", "remove", "--user", "root@example.com", clientId }.On(database))).ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task ClientsAdd_ForAConfidentialClient_PrintsTheSecretOnce_AndRefusesBadInput()
    {
        await using var database = await MigratedWithAdminAsync();

        var added = await CliRun.InProcessAsync(new[]
        {
            "clients", "add", "--user", "root@example.com", "--name", "Reports", "--type", "confidential", "--grant", "client_credentials",
        }.On(database));
        var bad = await CliRun.InProcessAsync(new[]
        {
            "clients", "add", "--user", "root@example.com", "--name", "Bad", "--type", "public",
            "--grant", "authorization_code", "--redirect-uri", "http://example.com/cb",
        }.On(database));

        added.ExitCode.ShouldBe(0, added.ToString());
        added.Out.ShouldContain("client secret: ");
        bad.ExitCode.ShouldBe(3, bad.ToString());
        bad.Error.ShouldContain("A redirect URI must be an absolute https URI");
    }

    [Fact]
    public async Task Clients_AsANonAdministrator_AreRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        (await CliRun.InProcessAsync(new[] { "migrate" }.On(database))).ExitCode.ShouldBe(0);
        (await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "bo@example.com", "--display-name", "Bo", "--password-stdin" }.On(database), stdin: CliRun.Password)).ExitCode.ShouldBe(0);

        var listed = await CliRun.InProcessAsync(new[] { "clients", "list", "--user", "bo@example.com" }.On(database));

        listed.ExitCode.ShouldBe(3);
        listed.Error.ShouldContain("FORBIDDEN");
    }

    private static async Task<TestDatabase> MigratedWithAdminAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var migrated = await CliRun.InProcessAsync(new[] { "migrate" }.On(database));
        migrated.ExitCode.ShouldBe(0, migrated.ToString());
        var admin = await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "root@example.com", "--display-name", "Root", "--admin", "--password-stdin" }.On(database), stdin: CliRun.Password);
        admin.ExitCode.ShouldBe(0, admin.ToString());
        return database;
    }
}
