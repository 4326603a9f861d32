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
/// <remarks>
/// A saved configuration and a revoked API key must hold on every instance as soon as the request that made them
/// returns, not a moment later: a provider's next webhook, or the revoked key's next call, may reach another instance
/// within a millisecond (a notification alone arrived up to 3 ms after the save's answer on this machine). So the
/// instances say they are alive (every re-check interval), each one acknowledges such a change after its own
/// listeners have applied it, and <see cref="PublishAsync"/> waits for the acknowledgements of every instance heard
/// from lately, at most <see cref="AcknowledgeTimeout"/> (an instance that died without a word is waited for until it
/// counts as gone, <see cref="PeerTimeout"/>).
/// </remarks>
public sealed class PostgresChangeNotifier(PostgresDatabase database, ILogger<PostgresChangeNotifier> logger) : BackgroundService, IChangeNotifier
{
    public const string Channel = "optoutconsole_changes";

    public static readonly TimeSpan EventsInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a change waits at most for the other instances to acknowledge it.</summary>
    public static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>An instance not heard from for this long counts as gone (it says it is alive every re-check interval).</summary>
    public static readonly TimeSpan PeerTimeout = PostgresDatabase.RecheckInterval * 3;

    private const string Alive = "alive";
    private const string Acknowledged = "ack";
    private const string Gone = "bye";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> peers = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Waiting> waiting = new(StringComparer.Ordinal);

    /// <summary>How long the listening connection waits for a notification before it checks that the server is still there.</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private long pendingEvents;
    private bool pendingConversions;

    /// <summary>This instance's name in its notifications, so it does not hear its own.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..16];

    public event Action<ChangeSignal>? Changed;

    /// <summary>The other instances heard from within <see cref="PeerTimeout"/>.</summary>
    public IReadOnlyCollection<string> Peers
    {
        get
        {
            var now = Environment.TickCount64;
            return peers.Where(p => now - p.Value < PeerTimeout.TotalMilliseconds).Select(p => p.Key).ToList();
        }
    }

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

        var expected = Peers;
        if (expected.Count == 0)
        {
            await SendAsync(Payload(signal.Kind.ToString(), signal, string.Empty), ct);
            return;
        }

        var token = Guid.NewGuid().ToString("N");
        var wait = new Waiting(expected);
        waiting[token] = wait;
        try
        {
            if (await SendAsync(Payload(signal.Kind.ToString(), signal, token), ct)
                && await Task.WhenAny(wait.All.Task, Task.Delay(AcknowledgeTimeout, ct)) != wait.All.Task)
            {
                logger.LogWarning("{Missing} of {Count} other console instances did not acknowledge a {Kind} within {Timeout} s; they see it at their next re-check.", wait.Missing, expected.Count, signal.Kind, AcknowledgeTimeout.TotalSeconds);
            }
        }
        finally
        {
            waiting.TryRemove(token, out _);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Gone now, rather than after PeerTimeout: the others stop waiting for this instance's acknowledgements.
        await SendAsync(Payload(Gone, default, string.Empty), cancellationToken);
        await base.StopAsync(cancellationToken);
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

    /// <summary>instance|kind|count|conversions|token|subject (the subject last: it may hold anything).</summary>
    private string Payload(string kind, ChangeSignal signal, string token) =>
        string.Join('|', InstanceId, kind, signal.Count.ToString(CultureInfo.InvariantCulture), signal.Conversions ? "1" : "0", token, signal.Subject ?? string.Empty);

    private async Task<bool> SendAsync(string payload, CancellationToken ct)
    {
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT pg_notify(@c, @p)");
            command.Parameters.AddWithValue("c", Channel);
            command.Parameters.AddWithValue("p", payload);
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The others' periodic re-check picks the change up within a few seconds.
            logger.LogWarning(ex, "The other console instances could not be told of a change; they see it at their next re-check.");
            return false;
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping and its connection pool is gone: the others count this instance gone after PeerTimeout.
            return false;
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
        var parts = e.Payload.Split('|', 6);
        if (parts.Length < 6 || parts[0] == InstanceId)
        {
            return;
        }

        var (from, token, subject) = (parts[0], parts[4], parts[5]);
        switch (parts[1])
        {
            case Alive:
                peers[from] = Environment.TickCount64;
                return;
            case Gone:
                peers.TryRemove(from, out _);
                foreach (var w in waiting.Values)
                {
                    w.Acknowledge(from);
                }

                return;
            case Acknowledged:
                peers[from] = Environment.TickCount64;
                if (subject == InstanceId && waiting.TryGetValue(token, out var wait))
                {
                    wait.Acknowledge(from);
                }

                return;
        }

        if (!Enum.TryParse<ChangeKind>(parts[1], out var kind))
        {
            return;
        }

        peers[from] = Environment.TickCount64;
        _ = long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count);
        Raise(new ChangeSignal(kind, subject.Length == 0 ? null : subject, count, parts[3] == "1", Remote: true));
        if (token.Length > 0)
        {
            // Applied here (the listeners ran above): the sender may answer its request now.
            _ = SendAsync(Payload(Acknowledged, new ChangeSignal(kind, from), token), CancellationToken.None);
        }
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
                    await SendAsync(Payload(nameof(ChangeKind.EventsCommitted), ChangeSignal.Events(count, conversions), string.Empty), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private bool RaiseRecheck()
    {
        Raise(new ChangeSignal(ChangeKind.Recheck));
        return true;
    }

    private async Task RecheckAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PostgresDatabase.RecheckInterval);
        try
        {
            do
            {
                await SendAsync(Payload(Alive, default, string.Empty), ct);
            }
            while (await timer.WaitForNextTickAsync(ct) && RaiseRecheck());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>The acknowledgements one change is waiting for.</summary>
    private sealed class Waiting(IReadOnlyCollection<string> expected)
    {
        private readonly HashSet<string> missing = new(expected, StringComparer.Ordinal);

        public TaskCompletionSource All { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Missing
        {
            get
            {
                lock (missing)
                {
                    return missing.Count;
                }
            }
        }

        public void Acknowledge(string instance)
        {
            lock (missing)
            {
                if (missing.Remove(instance) && missing.Count == 0)
                {
                    All.TrySetResult();
                }
            }
        }
    }
}
