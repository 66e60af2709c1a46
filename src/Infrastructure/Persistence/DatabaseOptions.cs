using System.ComponentModel.DataAnnotations;

namespace CleanAssistant.Infrastructure.Persistence;

public enum DatabaseProvider
{
    /// <summary>A file next to the server: the embedded mode.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several instances: the distributed mode.</summary>
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string. For SQLite the folder of the file is created at start.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/cleanassistant.db";

    /// <summary>Apply pending migrations when the server starts (otherwise run <c>cleanassistant migrate</c>).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
