using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// Where a test console keeps its data: a SQLite file, or a PostgreSQL database of its own on
/// <see cref="PostgresServer"/>. Several consoles may share one (a restart, or two instances on PostgreSQL); the
/// factory that made it disposes it.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? filePath, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        FilePath = filePath;
        this.postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? FilePath { get; }

    /// <summary>The settings that point a console at it.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectionStrings:Default", ConnectionString),
        new("Database:Provider", Provider.ToString()),
    ];

    public static TestDatabase Sqlite(string filePath) => new(DatabaseProvider.Sqlite, $"Data Source={filePath}", filePath, null);

    /// <summary>A new, empty PostgreSQL database; skips (or fails, when required) the test without a server.</summary>
    public static TestDatabase Postgres()
    {
        PostgresServer.Require();
        var connectionString = PostgresServer.CreateDatabase(out var name);
        return new TestDatabase(DatabaseProvider.Postgres, connectionString, null, name);
    }

    public void Dispose()
    {
        if (postgresName is not null)
        {
            PostgresServer.DropDatabase(postgresName);
        }
    }

    public override string ToString() => Provider == DatabaseProvider.Sqlite ? $"SQLite {FilePath}" : $"PostgreSQL {postgresName}";
}
