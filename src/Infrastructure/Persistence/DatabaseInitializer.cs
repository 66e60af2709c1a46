using CleanAssistant.Infrastructure.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>Creates and migrates the database, seeds what the product needs to start (the first-party OAuth client) and encrypts webhook secrets left in plain text.</summary>
public sealed partial class DatabaseInitializer(
    ApplicationDbContext db,
    IOptions<DatabaseOptions> options,
    IdentitySeeder identitySeeder,
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(options.Value.ConnectionString);
        }

        await MigrateAsync(cancellationToken);
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            // Readers do not block the writer and vice versa; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await identitySeeder.SeedAsync(cancellationToken);

        // Webhook secrets stored before they were encrypted are encrypted now, before anything sends a reminder. The
        // encryption is asked for only then: in embedded mode its first use creates a key, which `migrate` must not do.
        if (await Reminders.WebhookSecretReencryption.AnyPlaintextAsync(db, cancellationToken))
        {
            await services.GetRequiredService<Reminders.WebhookSecretReencryption>().EncryptPlaintextAsync(cancellationToken);
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, pending.Count, options.Value.Provider);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// What a server does at start: migrate and seed when <c>Database:MigrateOnStartup</c> is on (the default);
    /// otherwise nothing, and the operator runs <c>cleanassistant migrate</c> before starting the servers.
    /// </summary>
    public static async Task RunAtStartupAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s) to the {Provider} database")]
    private static partial void LogMigrating(ILogger logger, int count, DatabaseProvider provider);
}
