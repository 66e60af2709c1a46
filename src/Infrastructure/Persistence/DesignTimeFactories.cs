using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>Used by <c>dotnet ef migrations add</c>; the connection strings are never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteApplicationDbContext>
{
    public SqliteApplicationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteApplicationDbContext>().UseSqlite("Data Source=design.db").UseOpenIddict().Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresApplicationDbContext>
{
    public PostgresApplicationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresApplicationDbContext>().UseNpgsql("Host=localhost").UseOpenIddict().Options);
}
