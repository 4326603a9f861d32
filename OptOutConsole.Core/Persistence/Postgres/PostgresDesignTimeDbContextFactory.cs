using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OptOutConsole.Core.Persistence.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgresAppDbContext</c> build the context without a server (adding
/// a migration and checking for pending model changes never connect).
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=localhost;Database=optoutconsole_design").Options);
}
