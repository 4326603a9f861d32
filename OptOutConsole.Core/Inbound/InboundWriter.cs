using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The one writer of inbound effects of this console instance: a group commit. Requests queue their decided message;
/// the writer hands a batch to the provider's <see cref="IInboundStore"/>, which applies it (idempotency, block list,
/// tracking event, per-day counter, campaign conversions, outbox, remembered answer) in one durable transaction, and
/// only after the commit completes each request with its TwiML. So an answer always means durable effects, and one
/// flush to disk serves many requests (docs/decisions/group-commit.md).
/// </summary>
public sealed class InboundWriter(AppDatabase database, IChangeNotifier notifier, TimeProvider clock, ILogger<InboundWriter> logger) : BackgroundService
{
    public const int MaxBatch = 1024;
    public const int QueueCapacity = 50_000;

    /// <summary>How long a MessageSid is remembered for retries, and at most how many are kept (the idempotency window is bounded).</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);
    public const int IdempotencyMaxRows = 500_000;

    private readonly Channel<object> queue = Channel.CreateBounded<object>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long batchesCommitted;
    private long messagesCommitted;

    // Commit times in buckets of 1 ms (the last one: 100 ms and more), for the log line at shutdown.
    private readonly long[] commitMilliseconds = new long[101];

    /// <summary>Batches committed since start (for the load benchmark's "messages per commit").</summary>
    public long BatchesCommitted => Interlocked.Read(ref batchesCommitted);

    /// <summary>Messages committed since start.</summary>
    public long MessagesCommitted => Interlocked.Read(ref messagesCommitted);

    /// <summary>Raised after each commit with how many tracking events it stored and whether it queued forwards.</summary>
    public event Action<int, bool>? Committed;

    /// <summary>
    /// Raised after a commit that changed campaign conversions, with the batch's last event id and its changes per
    /// <see cref="ConversionKey"/> (a dictionary of the batch's own, never reused), so <see cref="ConversionStats"/>
    /// stays current without reading the database. Only where the store tracks the changes (SQLite); on PostgreSQL
    /// <see cref="ConversionsChanged"/> says that they changed and the stats read them again.
    /// </summary>
    public event Action<long, IReadOnlyDictionary<ConversionKey, ConversionCount>>? ConversionsCommitted;

    /// <summary>Raised after a commit that changed campaign conversions (with or without <see cref="ConversionsCommitted"/>).</summary>
    public event Action? ConversionsChanged;

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
    /// The writer has a thread of its own: it blocks in the database and in its flush to disk for most of its time,
    /// which would hold a thread-pool worker and make the pool add threads; and the answers it releases are queued to
    /// the pool's global queue, where every idle worker finds them, not to one worker's local queue.
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
        // Named, so per-thread CPU figures (/proc/<pid>/task/*/comm, perf) tell the writer apart.
        Thread.CurrentThread.Name = "inbound-writer";
        try
        {
            using var store = database.CreateInboundStore(clock, logger);
            store.Open();
            var batch = new List<object>(MaxBatch);
            while (WaitToRead(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                Commit(store, batch);
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
            logger.LogInformation("The inbound writer committed {Messages} messages in {Batches} batches ({PerBatch:F1} a batch); commit time p50 {P50} ms, p99 {P99} ms, p99.9 {P999} ms, max bucket {Max} ms.", MessagesCommitted, BatchesCommitted, BatchesCommitted == 0 ? 0 : (double)MessagesCommitted / BatchesCommitted, Percentile(0.5), Percentile(0.99), Percentile(0.999), Array.FindLastIndex(commitMilliseconds, n => n > 0));

            // Anything still queued was never answered: fail it, so the provider retries later.
            while (queue.Reader.TryRead(out var item))
            {
                Fail(item, new OperationCanceledException("The console is shutting down."));
            }
        }
    }

    private void Commit(IInboundStore store, List<object> batch)
    {
        var answers = new string[batch.Count];
        InboundCommit result;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            result = store.Commit(batch, answers, clock.GetUtcNow());
            commitMilliseconds[Math.Min(100, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds)]++;
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

        Interlocked.Increment(ref batchesCommitted);
        Interlocked.Add(ref messagesCommitted, batch.Count);

        // Listeners first (in-memory dashboard figures, the forwarder's wake-up, the other instances' signal), so
        // that what a request's answer implies is already visible in memory when the answer leaves.
        try
        {
            Committed?.Invoke(result.Events, result.Forwards);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A listener of inbound commits failed.");
        }

        if (result.Events > 0 || result.ConversionsChanged)
        {
            try
            {
                // This instance's dashboards hear it at once; the other instances' a moment later.
                var published = notifier.PublishAsync(ChangeSignal.Events(result.Events, result.ConversionsChanged), CancellationToken.None);
                if (!published.IsCompletedSuccessfully)
                {
                    published.AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A listener of new tracking events failed.");
            }
        }

        if (result.ConversionsChanged)
        {
            try
            {
                if (result.Conversions is { } conversions)
                {
                    ConversionsCommitted?.Invoke(result.LastEventId, conversions);
                }

                ConversionsChanged?.Invoke();
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

    /// <summary>The commit time (whole milliseconds, rounded down) that <paramref name="q"/> of the batches stayed within.</summary>
    private int Percentile(double q)
    {
        var total = commitMilliseconds.Sum();
        var seen = 0L;
        for (var ms = 0; ms < commitMilliseconds.Length; ms++)
        {
            seen += commitMilliseconds[ms];
            if (total > 0 && seen >= q * total)
            {
                return ms;
            }
        }

        return 0;
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
