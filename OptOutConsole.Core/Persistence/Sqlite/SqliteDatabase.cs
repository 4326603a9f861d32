using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Inbound;

namespace OptOutConsole.Core.Persistence.Sqlite;

/// <summary>
/// The embedded database: one SQLite file in WAL mode, written by one console process (the default for
/// <c>dotnet run</c>; several instances need <see cref="Postgres.PostgresDatabase"/>).
/// </summary>
public sealed class SqliteDatabase(string connectionString) : AppDatabase(connectionString)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The database file (empty for an in-memory database).</summary>
    public string FilePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public override string Describe() => $"the SQLite file {FilePath}";

    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override void Configure(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public override AppDbContext CreateContext(DbContextOptions<AppDbContext> options) => new(options);

    public override async ValueTask<long> ChangeVersionAsync(DbConnection connection, CancellationToken ct)
    {
        // Changes whenever another connection to the file has committed; the writer is such a connection.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One process owns the file: there is nobody to wait for.</summary>
    public override Task RunExclusiveAsync(Func<CancellationToken, Task> work, CancellationToken ct) => work(ct);

    internal override IInboundStore CreateInboundStore(TimeProvider clock, ILogger logger) => new SqliteInboundStore(this, logger);
}
