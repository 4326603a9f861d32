using Microsoft.EntityFrameworkCore;

namespace OptOutConsole.Core.Persistence.Postgres;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (Persistence/Migrations/Postgres)
/// are found apart from SQLite's: EF Core picks a context's migrations by the context's type.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<AppDbContext> options) : AppDbContext(options);
