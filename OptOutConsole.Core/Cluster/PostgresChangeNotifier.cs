using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OptOutConsole.Core.Persistence.Postgres;

namespace OptOutConsole.Core.Cluster;

/// <summary>
/// PostgreSQL's notifier: a change is told to this instance's listeners at once and sent to the others with
/// <c>NOTIFY</c> on one channel; each instance <c>LISTEN</c>s on a connection of its own. Events are gathered and
/// sent at most every <see cref="EventsInterval"/> (the webhook commits hundreds of batches a second). Whenever the
/// listening connection is lost, and every <see cref="PostgresDatabase.RecheckInterval"/> anyway, listeners get a
/// <see cref="ChangeKind.Recheck"/>, so a missed notification leaves no cache stale for longer than that.
/// </summary>
public sealed class PostgresChangeNotifier(PostgresDatabase database, ILogger<PostgresChangeNotifier> logger) : BackgroundService, IChangeNotifier
{
    public const string Channel = "optoutconsole_changes";

    public static readonly TimeSpan EventsInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the listening connection waits for a notification before it checks that the server is still there.</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private long pendingEvents;
    private bool pendingConversions;

    /// <summary>This instance's name in its notifications, so it does not hear its own.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..16];

    public event Action<ChangeSignal>? Changed;

    public async ValueTask PublishAsync(ChangeSignal signal, CancellationToken ct)
    {
        Raise(signal);
        if (signal.Kind == ChangeKind.EventsCommitted)
        {
            lock (gate)
            {
                pendingEvents += signal.Count;
                pendingConversions |= signal.Conversions;
            }

            return;
        }

        await SendAsync(signal, ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendEventsAsync(stoppingToken), RecheckAsync(stoppingToken));

    private void Raise(ChangeSignal signal)
    {
        if (signal.Kind is ChangeKind.EventsCommitted or ChangeKind.Recheck)
        {
            database.NoteChange();
        }

        ChangeListeners.Raise(Changed, signal, logger);
    }

    private async Task SendAsync(ChangeSignal signal, CancellationToken ct)
    {
        var payload = string.Join('|', InstanceId, signal.Kind.ToString(), signal.Count.ToString(CultureInfo.InvariantCulture), signal.Conversions ? "1" : "0", signal.Subject ?? string.Empty);
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT pg_notify(@c, @p)");
            command.Parameters.AddWithValue("c", Channel);
            command.Parameters.AddWithValue("p", payload);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The others' periodic re-check picks the change up within a few seconds.
            logger.LogWarning(ex, "The other console instances could not be told of a {Kind}; they see it at their next re-check.", signal.Kind);
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var connected = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(ct);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                if (connected)
                {
                    // Whatever was sent while this instance was not listening is lost: look again.
                    Raise(new ChangeSignal(ChangeKind.Recheck));
                }

                connected = true;
                while (!ct.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(IdleCheck, ct))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for the other console instances' changes failed; it starts again in a second.");
                Raise(new ChangeSignal(ChangeKind.Recheck));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var parts = e.Payload.Split('|', 5);
        if (parts.Length < 5 || parts[0] == InstanceId || !Enum.TryParse<ChangeKind>(parts[1], out var kind))
        {
            return;
        }

        _ = long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count);
        Raise(new ChangeSignal(kind, parts[4].Length == 0 ? null : parts[4], count, parts[3] == "1", Remote: true));
    }

    private async Task SendEventsAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(EventsInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                long count;
                bool conversions;
                lock (gate)
                {
                    (count, conversions) = (pendingEvents, pendingConversions);
                    (pendingEvents, pendingConversions) = (0, false);
                }

                if (count > 0 || conversions)
                {
                    await SendAsync(ChangeSignal.Events(count, conversions), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RecheckAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PostgresDatabase.RecheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Raise(new ChangeSignal(ChangeKind.Recheck));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
