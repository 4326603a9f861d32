using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using OptOutConsole.Core.Inbound;

namespace OptOutConsole.Core.Persistence.Postgres;

/// <summary>
/// A PostgreSQL database shared by one or more console instances. Connections come from one pooled
/// <see cref="NpgsqlDataSource"/> per instance, with automatic statement preparation on.
/// </summary>
public sealed class PostgresDatabase : AppDatabase, IAsyncDisposable
{
    /// <summary>At least this often a reader of tracking data looks again, in case a change signal was missed.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>The key of the session advisory lock that keeps start-up work (migrations, seeding) to one instance at a time.</summary>
    public const long StartupLockKey = 0x4F4F_4353_5441_5254; // "OOCSTART"

    private readonly NpgsqlDataSource dataSource;
    private long changes;
    private int disposed;

    public PostgresDatabase(string connectionString)
        : base(WithDefaults(connectionString))
    {
        dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public NpgsqlDataSource DataSource => dataSource;

    public override string Describe()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"the PostgreSQL database '{b.Database ?? b.Username}' on {b.Host}:{b.Port} as '{b.Username}'";
    }

    public override DbConnection CreateConnection() => dataSource.CreateConnection();

    public override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(dataSource);

    public override AppDbContext CreateContext(DbContextOptions<AppDbContext> options) => new PostgresAppDbContext(options);

    /// <summary>Called for every change signal (this instance's commits and the other instances').</summary>
    public void NoteChange() => Interlocked.Increment(ref changes);

    public override ValueTask<long> ChangeVersionAsync(DbConnection connection, CancellationToken ct)
    {
        // The signals' count, and a step every RecheckInterval: a missed notification costs at most that long.
        var epoch = Environment.TickCount64 / (long)RecheckInterval.TotalMilliseconds;
        return ValueTask.FromResult((Interlocked.Read(ref changes) << 24) + epoch);
    }

    public override async Task RunExclusiveAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        // A session lock on a connection of its own: EF's migrations open and close theirs meanwhile, and a second
        // instance starting at the same moment waits here until the first has migrated and seeded.
        await using var connection = await OpenCreatingAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@k)", connection))
        {
            take.Parameters.AddWithValue("k", StartupLockKey);
            await take.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await work(ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@k)", connection);
            release.Parameters.AddWithValue("k", StartupLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Opens a connection; when the database does not exist yet, creates it first (through the server's maintenance
    /// database, when the login may), so a new deployment needs only a server and a login.
    /// </summary>
    private async Task<NpgsqlConnection> OpenCreatingAsync(CancellationToken ct)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            var name = b.Database!;
            b.Database = "postgres";
            b.Pooling = false;
            try
            {
                await using var maintenance = new NpgsqlConnection(b.ConnectionString);
                await maintenance.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", maintenance);
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException created) when (created.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance starting at the same moment made it.
            }
            catch (PostgresException refused)
            {
                throw new PostgresException($"database \"{name}\" does not exist, and the login '{b.Username}' could not create it ({refused.MessageText})", ex.Severity, ex.InvariantSeverity, ex.SqlState);
            }

            return await dataSource.OpenConnectionAsync(ct);
        }
    }

    internal override IInboundStore CreateInboundStore(TimeProvider clock, ILogger logger) => new PostgresInboundStore(this, logger);

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref disposed, 1) == 0 ? dataSource.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>
    /// Statement preparation on (the writer, the send check and the rollups repeat a handful of statements), no
    /// DISCARD ALL when a connection goes back to the pool (the console sets no session state on pooled connections),
    /// and the console's name in <c>pg_stat_activity</c>; whatever the connection string says itself wins.
    /// </summary>
    private static string WithDefaults(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            b.MaxAutoPrepare = 64;
        }

        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            b.NoResetOnClose = true;
        }

        if (string.IsNullOrEmpty(b.ApplicationName))
        {
            b.ApplicationName = "OptOutConsole";
        }

        return b.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        connectionString.Split(';').Select(p => p.Split('=')[0].Trim()).Any(k => keys.Any(key => k.Equals(key, StringComparison.OrdinalIgnoreCase)));
}
