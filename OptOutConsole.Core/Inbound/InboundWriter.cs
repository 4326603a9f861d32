using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The one writer of inbound effects: a group commit. Requests queue their decided message; the writer applies a
/// batch (idempotency, block list, tracking event, per-day counter, campaign conversions, outbox, remembered answer) in one SQLite
/// transaction with <c>synchronous=FULL</c>, and only after the commit completes each request with its TwiML.
/// So an answer always means durable effects, and one fsync serves many requests (docs/decisions/group-commit.md).
/// </summary>
public sealed class InboundWriter(SqliteDatabase database, TimeProvider clock, ILogger<InboundWriter> logger) : BackgroundService
{
    public const int MaxBatch = 1024;
    public const int QueueCapacity = 50_000;

    /// <summary>The WAL size past which the writer restarts it (see <see cref="BoundWal"/>).</summary>
    public const long MaxWalBytes = 64L * 1024 * 1024;

    /// <summary>The size a restarted WAL is truncated to.</summary>
    public const long WalSizeAfterRestart = 64L * 1024 * 1024;

    private const int WalCheckEvery = 64;

    /// <summary>How long a MessageSid is remembered for retries, and at most how many are kept (the idempotency window is bounded).</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);
    public const int IdempotencyMaxRows = 500_000;

    /// <summary>At most this many remembered answers leave per batch (a batch adds at most <see cref="MaxBatch"/>).</summary>
    private const int MaxPrunePerBatch = 2 * MaxBatch;

    private readonly Channel<object> queue = Channel.CreateBounded<object>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly AnswerIndex answered = new();

    /// <summary>Raised after each commit with how many tracking events it stored and whether it queued forwards.</summary>
    public event Action<int, bool>? Committed;

    /// <summary>
    /// Raised after a commit that changed campaign conversions, with the batch's last event id and its changes per
    /// <see cref="ConversionKey"/> (a dictionary of the batch's own, never reused), so <see cref="ConversionStats"/>
    /// stays current without reading the database. Batches without such a change raise nothing and allocate nothing.
    /// </summary>
    public event Action<long, IReadOnlyDictionary<ConversionKey, ConversionCount>>? ConversionsCommitted;

    /// <summary>Queues a decided inbound message; completes with its TwiML once its effects are committed.</summary>
    public async Task<string> SubmitAsync(InboundWork work, CancellationToken ct)
    {
        await queue.Writer.WriteAsync(work, ct);
        return await work.Completion.Task.WaitAsync(ct);
    }

    /// <summary>Queues a provider opt-out; completes once the number is durably on the block list.</summary>
    public async Task SubmitAsync(ProviderOptOutWork work, CancellationToken ct)
    {
        await queue.Writer.WriteAsync(work, ct);
        await work.Completion.Task.WaitAsync(ct);
    }

    /// <summary>
    /// The writer has a thread of its own: it blocks in SQLite and in fsync for most of its time, which would hold a
    /// thread-pool worker and make the pool add threads; and the answers it releases are queued to the pool's global
    /// queue, where every idle worker finds them, not to one worker's local queue.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private bool WaitToRead(CancellationToken stoppingToken)
    {
        var wait = queue.Reader.WaitToReadAsync(stoppingToken);
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void Run(CancellationToken stoppingToken)
    {
        try
        {
            using var connection = new SqliteConnection(database.ConnectionString);
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                // Durable commits (an fsync of the WAL each), and no checkpoint inside them: WalCheckpointer does those
                // beside the writer, so a commit never pays for copying the WAL into the database.
                // journal_size_limit: when the WAL restarts, it is truncated back to this size.
                pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={WalSizeAfterRestart};";
                pragma.ExecuteNonQuery();
            }

            using var commands = new WriterCommands(connection);
            commands.LoadAnswers(answered);
            logger.LogInformation("The inbound writer remembers {Count} answered MessageSids.", answered.Count);
            var batch = new List<object>(MaxBatch);
            var batches = 0L;
            while (WaitToRead(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                Commit(connection, commands, batch);
                if (++batches % WalCheckEvery == 0)
                {
                    BoundWal(connection);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The database could not be opened or read (a batch's own failure is handled in Commit): refuse new
            // messages at once instead of letting them wait for an answer that cannot come.
            logger.LogCritical(ex, "The inbound writer stopped; inbound messages are refused until the console restarts.");
            queue.Writer.TryComplete(ex);
            throw;
        }
        finally
        {
            // Anything still queued was never answered: fail it, so the provider retries later.
            while (queue.Reader.TryRead(out var item))
            {
                Fail(item, new OperationCanceledException("The console is shutting down."));
            }
        }
    }

    /// <summary>
    /// Under unbroken load the writer is always mid-transaction, so the passive checkpoints beside it
    /// (<see cref="WalCheckpointer"/>) never catch up with the last frame and SQLite never restarts the WAL: it would
    /// grow without end. Past <see cref="MaxWalBytes"/> the writer runs one passive checkpoint itself between two
    /// batches: it only has to copy what arrived since the last background one (a fraction of a second), and once
    /// every frame is in the database the next transaction restarts the WAL from its start.
    /// </summary>
    private void BoundWal(SqliteConnection connection)
    {
        try
        {
            var wal = new FileInfo(connection.DataSource + "-wal");
            if (!wal.Exists || wal.Length < MaxWalBytes)
            {
                return;
            }

            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            checkpoint.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            logger.LogWarning(ex, "A checkpoint by the writer failed; the next check tries again.");
        }
    }

    private void Commit(SqliteConnection connection, WriterCommands commands, List<object> batch)
    {
        var answers = new string[batch.Count];
        var events = 0;
        var forwards = false;
        Dictionary<ConversionKey, ConversionCount>? conversions = null;
        var lastEventId = 0L;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var appended = new List<(string Sid, string Answer)>();
        var now = clock.GetUtcNow();
        var prune = answered.Prunable((now - IdempotencyWindow).ToUnixTimeMilliseconds(), IdempotencyMaxRows, MaxPrunePerBatch);
        try
        {
            using var transaction = connection.BeginTransaction();
            commands.Enlist(transaction);
            var counters = new Dictionary<WriterCommands.CounterKey, long>();
            for (var i = 0; i < batch.Count; i++)
            {
                switch (batch[i])
                {
                    case InboundWork w:
                        answers[i] = Apply(commands, answered, w, now, seen, appended, counters, ref conversions, ref events);
                        forwards |= w.ForwardUrl is not null;
                        break;
                    case ProviderOptOutWork p:
                        commands.Block(p.ServiceSid, p.Number, now, null, BlockListSources.Provider, p.MessageSid);
                        answers[i] = string.Empty;
                        break;
                }
            }

            commands.AddCounters(counters);
            if (conversions is not null)
            {
                lastEventId = commands.AddConversions(conversions);
            }

            if (prune > 0)
            {
                commands.PruneOldest(prune);
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "An inbound batch of {Count} could not be committed; its requests get an error and the provider retries them.", batch.Count);
            foreach (var item in batch)
            {
                Fail(item, ex);
            }

            return;
        }

        // Durable now: the batch's answers join the index (a rolled-back batch's never do).
        var at = now.ToUnixTimeMilliseconds();
        foreach (var (sid, answer) in appended)
        {
            answered.Add(sid, answer, at);
        }

        answered.RemoveOldest(prune);

        // Listeners first (in-memory dashboard figures, the forwarder's wake-up), so that what a request's answer
        // implies is already visible in memory when the answer leaves.
        try
        {
            Committed?.Invoke(events, forwards);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A listener of inbound commits failed.");
        }

        if (conversions is not null)
        {
            try
            {
                ConversionsCommitted?.Invoke(lastEventId, conversions);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A listener of conversion changes failed.");
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            switch (batch[i])
            {
                case InboundWork w:
                    w.Completion.TrySetResult(answers[i]);
                    break;
                case ProviderOptOutWork p:
                    p.Completion.TrySetResult(answers[i]);
                    break;
            }
        }
    }

    private static string Apply(WriterCommands commands, AnswerIndex answered, InboundWork w, DateTimeOffset now, Dictionary<string, string> seen, List<(string Sid, string Answer)> appended, Dictionary<WriterCommands.CounterKey, long> counters, ref Dictionary<ConversionKey, ConversionCount>? conversions, ref int events)
    {
        // A provider's retry (in this batch or answered before) gets the stored answer and no second effect.
        if (w.MessageSid is { } repeatedSid && (seen.TryGetValue(repeatedSid, out var stored) || answered.TryGet(repeatedSid, out stored)))
        {
            seen[repeatedSid] = stored;
            return stored;
        }

        // The answer is known before the effects (only a HELP to a blocked number can lose its reply).
        var reply = w.Reply;
        if (w.Type == "HELP" && !w.ReplyToHelpWhenBlocked && commands.IsBlocked(w.ServiceSid, w.From))
        {
            reply = null;
        }

        var answer = TwiML.Message(reply);
        if (w.MessageSid is { } messageSid)
        {
            commands.RememberAnswer(messageSid, w.ServiceSid, answer, now);
            seen[messageSid] = answer;
            appended.Add((messageSid, answer));
        }

        switch (w.Type)
        {
            case "STOP":
                commands.Block(w.ServiceSid, w.From, now, w.Keyword, BlockListSources.Keyword, w.MessageSid);
                break;
            case "START":
                commands.Unblock(w.ServiceSid, w.From);
                break;
        }

        // Only STOP keywords end a campaign opt-in: provider, manual and import changes of the block list do not
        // (docs/decisions/dashboard-net-change.md).
        if (w.CampaignOptIn || w.Type == "STOP")
        {
            commands.TrackConversion(w, now, ref conversions);
        }

        if (w.Type is not null)
        {
            commands.AddEvent(w, now, counters);
            events++;
        }

        if (w.ForwardUrl is not null)
        {
            commands.AddOutbox(w.ServiceSid, w.ForwardUrl, w.ForwardParametersJson ?? "{}", w.MessageSid, now);
        }

        return answer;
    }

    private static void Fail(object item, Exception ex)
    {
        switch (item)
        {
            case InboundWork w:
                w.Completion.TrySetException(ex);
                break;
            case ProviderOptOutWork p:
                p.Completion.TrySetException(ex);
                break;
        }
    }
}
