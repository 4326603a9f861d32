using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Inbound;

namespace OptOutConsole.Core.Persistence;

/// <summary>
/// The one database the console uses and everything about it that differs between SQLite and PostgreSQL: how a
/// connection is made, the inbound writer's statements, how a commit by another connection or instance is noticed,
/// how a unique key's refusal looks, and how start-up work is kept to one instance at a time. The rest of the code
/// uses EF Core, or portable SQL (double-quoted names, <c>@name</c> parameters) on <see cref="OpenAsync"/>'s connection.
/// </summary>
public abstract class AppDatabase
{
    protected AppDatabase(string connectionString)
    {
        ConnectionString = connectionString;
    }

    /// <summary>The resolved connection string (a SQLite path made absolute).</summary>
    public string ConnectionString { get; }

    public abstract DatabaseProvider Provider { get; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// True when rows are committed in the order of their ids (SQLite's one writer), so "everything after the last id
    /// read" is exact. Not on PostgreSQL: instances take ids from one sequence and commit in any order.
    /// </summary>
    public bool IdsCommitInOrder => Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// Appended to a <c>SELECT</c> that picks rows to change: on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, so two
    /// instances never take the same row; nothing on SQLite, whose one writer at a time already excludes that.
    /// </summary>
    public string SkipLockedRows => IsPostgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;

    /// <summary>Where the data lives, in words for a log line or an error (no password).</summary>
    public abstract string Describe();

    /// <summary>A new, closed connection (pooled by the provider).</summary>
    public abstract DbConnection CreateConnection();

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Points EF Core at this database.</summary>
    public abstract void Configure(DbContextOptionsBuilder options);

    /// <summary>A context of the type whose migrations belong to this provider.</summary>
    public abstract AppDbContext CreateContext(DbContextOptions<AppDbContext> options);

    /// <summary>
    /// A number that changes whenever tracking data may have been committed by someone else since the last call on
    /// <paramref name="connection"/> (SQLite: <c>PRAGMA data_version</c>; PostgreSQL: the instances' change signals,
    /// and at least every <see cref="Postgres.PostgresDatabase.RecheckInterval"/>). Readers of counters re-read when it moves.
    /// </summary>
    public abstract ValueTask<long> ChangeVersionAsync(DbConnection connection, CancellationToken ct);

    /// <summary>True when <paramref name="ex"/> (or its inner exception) is a unique or primary key refusing a row.</summary>
    public static bool IsUniqueViolation(Exception? ex) => ex switch
    {
        null => false,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => IsUniqueViolation(ex.InnerException),
    };

    /// <summary>True when the database refused or could not be reached (worth a retry), as opposed to a bug.</summary>
    public static bool IsRefusal(Exception? ex) => ex switch
    {
        null => false,
        DbException => true,
        _ => IsRefusal(ex.InnerException),
    };

    /// <summary>Runs <paramref name="work"/> while no other instance runs start-up work on this database.</summary>
    public abstract Task RunExclusiveAsync(Func<CancellationToken, Task> work, CancellationToken ct);

    /// <summary>The inbound writer's statements for this provider (one instance per writer connection).</summary>
    internal abstract IInboundStore CreateInboundStore(TimeProvider clock, ILogger logger);

    /// <summary>Adds a parameter to a command of either provider.</summary>
    public static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }
}
