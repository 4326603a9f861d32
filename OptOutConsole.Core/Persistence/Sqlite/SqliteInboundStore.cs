using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Persistence.Sqlite;

/// <summary>
/// The inbound writer's storage on SQLite: one connection with <c>synchronous=FULL</c>, prepared statements reused for
/// every message (<see cref="SqliteWriterCommands"/>), and the answered MessageSids in memory (<see cref="AnswerIndex"/>)
/// over an append-only, unindexed log (docs/decisions/group-commit.md). The file has one writer, so the memory is the truth.
/// </summary>
internal sealed class SqliteInboundStore(SqliteDatabase database, ILogger logger) : IInboundStore
{
    /// <summary>The WAL size past which the writer restarts it (see <see cref="BoundWal"/>).</summary>
    public const long MaxWalBytes = 64L * 1024 * 1024;

    /// <summary>The size a restarted WAL is truncated to.</summary>
    public const long WalSizeAfterRestart = 64L * 1024 * 1024;

    private const int WalCheckEvery = 64;

    /// <summary>At most this many remembered answers leave per batch (a batch adds at most <see cref="InboundWriter.MaxBatch"/>).</summary>
    private const int MaxPrunePerBatch = 2 * InboundWriter.MaxBatch;

    private readonly AnswerIndex answered = new();
    private SqliteConnection? connection;
    private SqliteWriterCommands? commands;
    private long batches;

    public void Open()
    {
        connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // Durable commits (an fsync of the WAL each), and no checkpoint inside them: WalCheckpointer does those
            // beside the writer, so a commit never pays for copying the WAL into the database.
            // journal_size_limit: when the WAL restarts, it is truncated back to this size.
            pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={WalSizeAfterRestart};";
            pragma.ExecuteNonQuery();
        }

        commands = new SqliteWriterCommands(connection);
        commands.LoadAnswers(answered);
        logger.LogInformation("The inbound writer remembers {Count} answered MessageSids.", answered.Count);
    }

    public InboundCommit Commit(IReadOnlyList<object> batch, string[] answers, DateTimeOffset now)
    {
        var connection = this.connection ?? throw new InvalidOperationException("The inbound store is not open.");
        var commands = this.commands!;
        var events = 0;
        var forwards = false;
        Dictionary<ConversionKey, ConversionCount>? conversions = null;
        var lastEventId = 0L;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var appended = new List<(string Sid, string Answer)>();
        var prune = answered.Prunable((now - InboundWriter.IdempotencyWindow).ToUnixTimeMilliseconds(), InboundWriter.IdempotencyMaxRows, MaxPrunePerBatch);
        using (var transaction = connection.BeginTransaction())
        {
            commands.Enlist(transaction);
            var counters = new Dictionary<SqliteWriterCommands.CounterKey, long>();
            for (var i = 0; i < batch.Count; i++)
            {
                switch (batch[i])
                {
                    case InboundWork w:
                        answers[i] = Apply(commands, w, now, seen, appended, counters, ref conversions, ref events);
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

        // Durable now: the batch's answers join the index (a rolled-back batch's never do).
        var at = now.ToUnixTimeMilliseconds();
        foreach (var (sid, answer) in appended)
        {
            answered.Add(sid, answer, at);
        }

        answered.RemoveOldest(prune);
        if (++batches % WalCheckEvery == 0)
        {
            BoundWal(connection);
        }

        return new InboundCommit(events, forwards, conversions is not null, lastEventId, conversions);
    }

    public void Dispose()
    {
        commands?.Dispose();
        connection?.Dispose();
    }

    private string Apply(SqliteWriterCommands commands, InboundWork w, DateTimeOffset now, Dictionary<string, string> seen, List<(string Sid, string Answer)> appended, Dictionary<SqliteWriterCommands.CounterKey, long> counters, ref Dictionary<ConversionKey, ConversionCount>? conversions, ref int events)
    {
        // A provider's retry (in this batch or answered before) gets the stored answer and no second effect.
        if (w.MessageSid is { } repeatedSid && (seen.TryGetValue(repeatedSid, out var stored) || answered.TryGet(repeatedSid, out stored)))
        {
            seen[repeatedSid] = stored;
            return stored;
        }

        // The answer is known before the effects (only a HELP to a blocked number can lose its reply).
        var reply = w.Reply;
        if (w.Type == "HELP" && !w.ReplyToHelpWhenBlocked && (commands.IsBlocked(w.ServiceSid, w.From) || (w.FromHash is { } hash && commands.IsBlocked(w.ServiceSid, hash))))
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
                commands.Block(w.ServiceSid, w.From, now, w.BlockKeyword ?? w.Keyword, w.BlockSource, w.MessageSid);
                break;
            case "START":
                commands.Unblock(w.ServiceSid, w.From);
                if (w.FromHash is { } erased)
                {
                    // An erased subscriber's entry is kept under the hash (issue 13): START takes it off as well.
                    commands.Unblock(w.ServiceSid, erased);
                }

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

        if (w.Review is not null)
        {
            commands.AddReviewItem(w, now);
        }

        if (w.ForwardUrl is not null)
        {
            commands.AddOutbox(w.ServiceSid, w.ForwardUrl, w.ForwardParametersJson ?? "{}", w.MessageSid, now);
        }

        return answer;
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
}
