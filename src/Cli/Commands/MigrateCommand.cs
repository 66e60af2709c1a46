using System.CommandLine;
using CleanAssistant.Infrastructure.Identity;
using CleanAssistant.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;

namespace CleanAssistant.Cli.Commands;

/// <summary><c>cleanassistant migrate</c>: what the server does at start, as a separate step for distributed mode.</summary>
public static class MigrateCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command(
            "migrate",
            "Applies pending migrations to the configured database (creating it if needed), then seeds what the server "
            + "needs to start: the first-party OAuth client. Running it again changes nothing.");
        command.SetAction((parseResult, cancellationToken) =>
            host.RunAsync(parseResult, (services, ct) => MigrateAsync(services, host.Console, ct), cancellationToken));
        return command;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var clientId = services.GetRequiredService<IOptions<IdentityOptions>>().Value.FirstPartyClientId;
        var db = services.GetRequiredService<ApplicationDbContext>();
        console.Out.WriteLine($"Database: {database.Provider}, {Describe(database)}");

        // A missing database or SQLite file reads as "nothing applied" without being created here.
        var before = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var clientExisted = before.Count > 0
            && await services.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(clientId, cancellationToken) is not null;

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);

        var after = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var applied = after.Where(m => !before.Contains(m)).ToList();
        if (applied.Count == 0)
        {
            console.Out.WriteLine($"Schema: up to date ({after.Count} migration(s) applied before).");
        }
        else
        {
            console.Out.WriteLine($"Schema: applied {applied.Count} migration(s):");
            foreach (var migration in applied)
            {
                console.Out.WriteLine($"  {migration}");
            }
        }

        console.Out.WriteLine(clientExisted
            ? $"Seed: the first-party OAuth client '{clientId}' was already registered."
            : $"Seed: registered the first-party OAuth client '{clientId}'.");
        return ExitCodes.Ok;
    }

    /// <summary>Where the database is, without the password.</summary>
    private static string Describe(DatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            return $"database '{postgres.Database}' on {postgres.Host}:{postgres.Port}";
        }

        var dataSource = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return dataSource is "" or ":memory:" ? "in memory" : $"file {Path.GetFullPath(dataSource)}";
    }
}
