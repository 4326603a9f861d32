using Microsoft.EntityFrameworkCore;

namespace OptOutConsole.Core.Persistence;

/// <summary>Makes the context type whose migrations belong to the configured provider (<see cref="AppDatabase.CreateContext"/>).</summary>
internal sealed class ProviderDbContextFactory(DbContextOptions<AppDbContext> options, AppDatabase database) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => database.CreateContext(options);
}
