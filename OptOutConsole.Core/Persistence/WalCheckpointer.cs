using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OptOutConsole.Core.Persistence;

/// <summary>
/// Copies the WAL into the database five times a second on its own connection (a PASSIVE checkpoint, which never blocks
/// the writer). The inbound writer turns automatic checkpoints off, so its commits pay only their own fsync.
/// </summary>
public sealed class WalCheckpointer(SqliteDatabase database, ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (SqliteException ex)
                {
                    logger.LogWarning(ex, "A WAL checkpoint failed; the next one tries again.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
