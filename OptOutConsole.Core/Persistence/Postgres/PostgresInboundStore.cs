using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Inbound;

namespace OptOutConsole.Core.Persistence.Postgres;

/// <summary>
/// The inbound writer's storage on PostgreSQL, where several console instances write at once. A batch is a few round
/// trips whatever its size: the MessageSids are claimed in one multi-row insert against a unique key (so a retry that
/// reached another instance gets that instance's stored answer and no second effect), then every effect goes in one
/// <see cref="NpgsqlBatch"/>: the block-list and opt-in changes one statement per message in arrival order (their
/// outcome depends on it), events, outbox rows and the day's counters as multi-row statements, and the commit waits
/// for the WAL flush (<c>synchronous_commit=on</c>). Rows that both instances may lock are taken in one order
/// (MessageSids and counters sorted), and a deadlock that arrival order still allows is retried.
/// </summary>
internal sealed class PostgresInboundStore(PostgresDatabase database, ILogger logger) : IInboundStore
{
    private const int MaxAttempts = 3;

    /// <summary>At most this many remembered answers leave per batch (a batch adds at most <see cref="InboundWriter.MaxBatch"/>).</summary>
    private const int MaxPrunePerBatch = 2 * InboundWriter.MaxBatch;

    /// <summary>How often the first answer still inside the idempotency window is looked up again.</summary>
    private static readonly TimeSpan WindowCheckInterval = TimeSpan.FromSeconds(10);

    private const string ClaimSql =
        """
        INSERT INTO "ProcessedMessages" ("MessageSid", "ServiceSid", "ResponseXml", "ProcessedAt")
        SELECT m, s, x, @t FROM unnest(@m::text[], @s::text[], @x::text[]) AS u(m, s, x)
        ON CONFLICT ("MessageSid") DO NOTHING
        RETURNING "MessageSid", "Id"
        """;

    private const string StoredAnswersSql = """SELECT "MessageSid", "ResponseXml" FROM "ProcessedMessages" WHERE "MessageSid" = ANY(@m)""";

    private const string BlockedSql =
        """
        SELECT b."ServiceSid", b."Number" FROM "BlockList" b
        JOIN unnest(@s::text[], @n::text[]) AS u(s, n) ON b."ServiceSid" = u.s AND b."Number" = u.n
        """;

    private const string BlockSql =
        """
        INSERT INTO "BlockList" ("ServiceSid", "Number", "OptedOutAt", "Keyword", "Source", "MessageSid")
        VALUES (@s, @n, @t, @k, @src, @m) ON CONFLICT ("ServiceSid", "Number") DO NOTHING
        """;

    private const string UnblockSql = """DELETE FROM "BlockList" WHERE "ServiceSid" = @s AND "Number" = @n""";

    // A campaign START counts unless it is the same campaign still running (the upsert's WHERE): one statement
    // decides, writes the number's state and adds the opt-in to its cohort's counter.
    private const string OptInSql =
        """
        WITH changed AS (
            INSERT INTO "OptInStates" ("ServiceSid", "Number", "Keyword", "Day", "Country", "OptedOut") VALUES (@s, @n, @k, @d, @c, FALSE)
            ON CONFLICT ("ServiceSid", "Number") DO UPDATE SET "Keyword" = excluded."Keyword", "Day" = excluded."Day", "Country" = excluded."Country", "OptedOut" = FALSE
            WHERE NOT ("OptInStates"."OptedOut" = FALSE AND "OptInStates"."Keyword" = excluded."Keyword")
            RETURNING 1)
        INSERT INTO "ConversionCounters" ("ServiceSid", "Day", "Keyword", "Country", "OptIns", "OptedOutLater")
        SELECT @s, @d, @k, @c, 1, 0 FROM changed
        ON CONFLICT ("ServiceSid", "Day", "Keyword", "Country") DO UPDATE SET "OptIns" = "ConversionCounters"."OptIns" + 1
        """;

    // A STOP keyword ends a running campaign opt-in and counts it against the cohort of the day it began.
    private const string EndOptInSql =
        """
        WITH ended AS (
            UPDATE "OptInStates" SET "OptedOut" = TRUE WHERE "ServiceSid" = @s AND "Number" = @n AND "OptedOut" = FALSE
            RETURNING "Day", "Keyword", "Country")
        INSERT INTO "ConversionCounters" ("ServiceSid", "Day", "Keyword", "Country", "OptIns", "OptedOutLater")
        SELECT @s, "Day", "Keyword", "Country", 0, 1 FROM ended
        ON CONFLICT ("ServiceSid", "Day", "Keyword", "Country") DO UPDATE SET "OptedOutLater" = "ConversionCounters"."OptedOutLater" + 1
        """;

    private const string EventsSql =
        """
        INSERT INTO "Events" ("Time", "ServiceSid", "From", "Country", "Type", "Keyword", "Language", "AnsweredBy", "MessageSid")
        SELECT @t, s, f, c, y, k, l, a, m FROM unnest(@s::text[], @f::text[], @c::text[], @y::text[], @k::text[], @l::text[], @a::text[], @m::text[]) AS u(s, f, c, y, k, l, a, m)
        """;

    private const string OutboxSql =
        """
        INSERT INTO "Outbox" ("ServiceSid", "Url", "ParametersJson", "MessageSid", "State", "Attempts", "LastError", "CreatedAt", "NextAttemptAt", "DeliveredAt")
        SELECT s, u, p, m, 'pending', 0, NULL, @t, @t, NULL FROM unnest(@s::text[], @u::text[], @p::text[], @m::text[]) AS x(s, u, p, m)
        """;

    private const string CountersSql =
        """
        INSERT INTO "DailyCounters" ("ServiceSid", "Day", "Type", "Country", "Keyword", "AnsweredBy", "Count")
        SELECT * FROM unnest(@s::text[], @d::integer[], @y::text[], @c::text[], @k::text[], @a::text[], @n::bigint[])
        ON CONFLICT ("ServiceSid", "Day", "Type", "Country", "Keyword", "AnsweredBy") DO UPDATE SET "Count" = "DailyCounters"."Count" + excluded."Count"
        """;

    // SKIP LOCKED: the rows another instance is pruning at the same moment are its to delete.
    private const string PruneSql =
        """
        DELETE FROM "ProcessedMessages" WHERE "Id" IN (
            SELECT "Id" FROM "ProcessedMessages" WHERE "Id" <= @bound ORDER BY "Id" LIMIT @n FOR UPDATE SKIP LOCKED)
        """;

    // The first answer inside the window, or (when every answer is older) the id the next one will at least have.
    private const string WindowStartSql =
        """
        SELECT COALESCE(
            (SELECT "Id" FROM "ProcessedMessages" WHERE "ProcessedAt" >= @cutoff ORDER BY "Id" LIMIT 1),
            (SELECT COALESCE(MAX("Id"), 0) + 1 FROM "ProcessedMessages"))
        """;

    private NpgsqlConnection? connection;
    private long maxClaimedId;
    private long windowStartId;
    private long windowCheckedAt = long.MinValue;
    private long prunedThrough;

    public void Open()
    {
        try
        {
            EnsureOpen();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Not fatal here: every batch connects again, and until then its requests get an error the provider retries.
            logger.LogWarning(ex, "The inbound writer could not reach {Database} yet; it tries again with the next message.", database.Describe());
            Drop();
        }
    }

    public InboundCommit Commit(IReadOnlyList<object> batch, string[] answers, DateTimeOffset now)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                EnsureOpen();
                CheckWindow(now);
                return CommitOnce(batch, answers, now);
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Two instances changed the same numbers in opposite orders; the other one went on, this batch runs again.
                logger.LogWarning("An inbound batch of {Count} met a {Error} on attempt {Attempt}; it runs again.", batch.Count, ex.SqlState, attempt);
            }
            catch
            {
                if (connection is not { FullState: ConnectionState.Open })
                {
                    Drop();
                }

                throw;
            }
        }
    }

    public void Dispose() => Drop();

    private void EnsureOpen()
    {
        if (connection is { FullState: ConnectionState.Open })
        {
            return;
        }

        Drop();
        var c = database.DataSource.OpenConnection();
        try
        {
            // Durable commits whatever the server's default: an answer must mean the effects survive a crash.
            using var set = new NpgsqlCommand("SET synchronous_commit = on", c);
            set.ExecuteNonQuery();
        }
        catch
        {
            c.Dispose();
            throw;
        }

        connection = c;
    }

    private void Drop()
    {
        connection?.Dispose();
        connection = null;
    }

    /// <summary>Every <see cref="WindowCheckInterval"/>, the first remembered answer younger than the idempotency window: those before it may go.</summary>
    private void CheckWindow(DateTimeOffset now)
    {
        if (windowCheckedAt != long.MinValue && Environment.TickCount64 - windowCheckedAt < WindowCheckInterval.TotalMilliseconds)
        {
            return;
        }

        using var command = new NpgsqlCommand(WindowStartSql, connection);
        command.Parameters.AddWithValue("cutoff", (now - InboundWriter.IdempotencyWindow).ToUnixTimeMilliseconds());
        windowStartId = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        windowCheckedAt = Environment.TickCount64;
    }

    private InboundCommit CommitOnce(IReadOnlyList<object> batch, string[] answers, DateTimeOffset now)
    {
        var c = connection!;
        var t = now.ToUnixTimeMilliseconds();

        // 1. The first item of the batch with each MessageSid; later ones repeat its answer.
        var n = batch.Count;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeatOf = new int[n];
        Array.Fill(repeatOf, -1);
        for (var i = 0; i < n; i++)
        {
            if (batch[i] is InboundWork { MessageSid: { } sid })
            {
                if (first.TryGetValue(sid, out var j))
                {
                    repeatOf[i] = j;
                }
                else
                {
                    first[sid] = i;
                }
            }
        }

        // 2. The answers, known before the effects: only a HELP to a blocked number can lose its reply, so only those
        // numbers' state is read, and followed through the batch in order.
        var transaction = c.BeginTransaction();
        try
        {
            Decide(c, transaction, batch, repeatOf, answers);

            // 3. Most batches hold only new MessageSids: claim them and apply every effect in one round trip, and
            // commit once the claim says they were all new. A MessageSid already stored (a retry, maybe answered by
            // another instance) undoes that round trip: the batch is applied again without the repeats' effects.
            var applied = new bool[n];
            for (var i = 0; i < n; i++)
            {
                applied[i] = repeatOf[i] < 0;
            }

            for (var attempt = 1; ; attempt++)
            {
                var (sids, claimed, result) = ClaimAndApply(c, transaction, batch, first, answers, applied, t);
                if (claimed.Count == sids.Length)
                {
                    transaction.Commit();
                    for (var i = 0; i < n; i++)
                    {
                        if (repeatOf[i] >= 0)
                        {
                            answers[i] = answers[repeatOf[i]];
                        }
                    }

                    result.AfterCommit(this);
                    return result.Commit;
                }

                // Another SID may be claimed elsewhere between this rollback and the next try: try until none is.
                if (attempt == MaxAttempts * 2)
                {
                    throw new InvalidOperationException("The batch's MessageSids kept being claimed by another instance; its requests get an error and the provider retries them.");
                }

                transaction.Rollback();
                transaction.Dispose();
                transaction = c.BeginTransaction();
                foreach (var sid in StoredAnswers(c, transaction, sids, claimed, first, answers))
                {
                    applied[first[sid]] = false;
                }
            }
        }
        finally
        {
            transaction.Dispose();
        }
    }

    private void Decide(NpgsqlConnection c, NpgsqlTransaction transaction, IReadOnlyList<object> batch, int[] repeatOf, string[] answers)
    {
        var blocked = ReadBlockedForHelp(c, transaction, batch, repeatOf);
        for (var i = 0; i < batch.Count; i++)
        {
            if (repeatOf[i] >= 0)
            {
                continue;
            }

            switch (batch[i])
            {
                case InboundWork w:
                    var key = (w.ServiceSid, w.From);
                    var silent = w.Type == "HELP" && !w.ReplyToHelpWhenBlocked && blocked is not null && blocked.GetValueOrDefault(key);
                    answers[i] = TwiML.Message(silent ? null : w.Reply);
                    if (blocked is not null && blocked.ContainsKey(key) && w.Type is "STOP" or "START")
                    {
                        blocked[key] = w.Type == "STOP";
                    }

                    break;
                case ProviderOptOutWork p:
                    answers[i] = string.Empty;
                    if (blocked is not null && blocked.ContainsKey((p.ServiceSid, p.Number)))
                    {
                        blocked[(p.ServiceSid, p.Number)] = true;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// One round trip: the claim of the batch's new MessageSids (sorted, so two instances lock them in one order) and the
    /// effects of every item marked <paramref name="applied"/>. Returns the SIDs offered and those the claim took.
    /// </summary>
    private (string[] Sids, HashSet<string> Claimed, Applied Result) ClaimAndApply(NpgsqlConnection c, NpgsqlTransaction transaction, IReadOnlyList<object> batch, Dictionary<string, int> first, string[] answers, bool[] applied, long t)
    {
        var day = (int)(t / 86_400_000L);
        using var effects = new NpgsqlBatch(c, transaction);
        var sids = first.Keys.Where(sid => applied[first[sid]]).Order(StringComparer.Ordinal).ToArray();
        if (sids.Length > 0)
        {
            var services = new string[sids.Length];
            var xml = new string[sids.Length];
            for (var k = 0; k < sids.Length; k++)
            {
                var i = first[sids[k]];
                services[k] = ((InboundWork)batch[i]).ServiceSid;
                xml[k] = answers[i];
            }

            effects.BatchCommands.Add(Command(ClaimSql, ("t", t), ("m", sids), ("s", services), ("x", xml)));
        }

        var conversionCommands = new List<NpgsqlBatchCommand>();
        var ev = new EventColumns();
        var outbox = new OutboxColumns();
        var counters = new Dictionary<CounterKey, long>();
        var forwards = false;
        for (var i = 0; i < batch.Count; i++)
        {
            if (!applied[i])
            {
                continue;
            }

            switch (batch[i])
            {
                case InboundWork w:
                    if (w.Type == "STOP")
                    {
                        effects.BatchCommands.Add(Command(BlockSql, ("s", w.ServiceSid), ("n", w.From), ("t", t), ("k", w.Keyword), ("src", BlockListSources.Keyword), ("m", w.MessageSid)));
                    }
                    else if (w.Type == "START")
                    {
                        effects.BatchCommands.Add(Command(UnblockSql, ("s", w.ServiceSid), ("n", w.From)));
                    }

                    // Only STOP keywords end a campaign opt-in (docs/decisions/dashboard-net-change.md).
                    if (w.CampaignOptIn)
                    {
                        var command = Command(OptInSql, ("s", w.ServiceSid), ("n", w.From), ("k", w.Keyword), ("d", day), ("c", w.Country));
                        effects.BatchCommands.Add(command);
                        conversionCommands.Add(command);
                    }
                    else if (w.Type == "STOP")
                    {
                        var command = Command(EndOptInSql, ("s", w.ServiceSid), ("n", w.From));
                        effects.BatchCommands.Add(command);
                        conversionCommands.Add(command);
                    }

                    if (w.Type is not null)
                    {
                        ev.Add(w);
                        var counter = new CounterKey(w.ServiceSid, day, w.Type, w.Country, w.Keyword ?? string.Empty, w.AnsweredBy ?? "global");
                        counters[counter] = counters.GetValueOrDefault(counter) + 1;
                    }

                    if (w.ForwardUrl is not null)
                    {
                        outbox.Add(w);
                        forwards = true;
                    }

                    break;
                case ProviderOptOutWork p:
                    effects.BatchCommands.Add(Command(BlockSql, ("s", p.ServiceSid), ("n", p.Number), ("t", t), ("k", null), ("src", BlockListSources.Provider), ("m", p.MessageSid)));
                    break;
            }
        }

        if (ev.Count > 0)
        {
            effects.BatchCommands.Add(Command(EventsSql, ("t", t), ("s", ev.Service.ToArray()), ("f", ev.From.ToArray()), ("c", ev.Country.ToArray()), ("y", ev.Type.ToArray()), ("k", ev.Keyword.ToArray()), ("l", ev.Language.ToArray()), ("a", ev.AnsweredBy.ToArray()), ("m", ev.MessageSid.ToArray())));
        }

        if (outbox.Count > 0)
        {
            effects.BatchCommands.Add(Command(OutboxSql, ("t", t), ("s", outbox.Service.ToArray()), ("u", outbox.Url.ToArray()), ("p", outbox.Parameters.ToArray()), ("m", outbox.MessageSid.ToArray())));
        }

        // Beyond the newest IdempotencyMaxRows ids, or older than the window: both bounds only ever grow.
        var bound = Math.Max(maxClaimedId - InboundWriter.IdempotencyMaxRows, windowStartId - 1);
        NpgsqlBatchCommand? prune = null;
        if (bound > prunedThrough)
        {
            prune = Command(PruneSql, ("bound", bound), ("n", MaxPrunePerBatch));
            effects.BatchCommands.Add(prune);
        }

        // Last before the commit, in one order on every instance: the rows all instances update hold their locks briefly.
        if (counters.Count > 0)
        {
            var keys = counters.Keys.Order().ToArray();
            effects.BatchCommands.Add(Command(
                CountersSql,
                ("s", keys.Select(k => k.ServiceSid).ToArray()),
                ("d", keys.Select(k => k.Day).ToArray()),
                ("y", keys.Select(k => k.Type).ToArray()),
                ("c", keys.Select(k => k.Country).ToArray()),
                ("k", keys.Select(k => k.Keyword).ToArray()),
                ("a", keys.Select(k => k.AnsweredBy).ToArray()),
                ("n", keys.Select(k => counters[k]).ToArray())));
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var maxId = 0L;
        if (effects.BatchCommands.Count > 0)
        {
            using var reader = effects.ExecuteReader();
            if (sids.Length > 0)
            {
                while (reader.Read())
                {
                    claimed.Add(reader.GetString(0));
                    maxId = Math.Max(maxId, reader.GetInt64(1));
                }
            }

            while (reader.NextResult())
            {
            }
        }

        var result = new Applied(
            new InboundCommit(ev.Count, forwards, conversionCommands.Any(x => x.RecordsAffected > 0), 0, null),
            maxId,
            prune is not null && prune.RecordsAffected < MaxPrunePerBatch ? bound : null);
        return (sids, claimed, result);
    }

    /// <summary>The stored answers of the SIDs the claim did not take (processed before, here or on another instance); returns those SIDs.</summary>
    private static List<string> StoredAnswers(NpgsqlConnection c, NpgsqlTransaction transaction, string[] sids, HashSet<string> claimed, Dictionary<string, int> first, string[] answers)
    {
        var repeated = sids.Where(s => !claimed.Contains(s)).ToList();
        using var stored = new NpgsqlCommand(StoredAnswersSql, c, transaction);
        stored.Parameters.AddWithValue("m", repeated.ToArray());
        using var reader = stored.ExecuteReader();
        while (reader.Read())
        {
            answers[first[reader.GetString(0)]] = reader.GetString(1);
        }

        return repeated;
    }

    /// <summary>The block state of the numbers whose HELP may go unanswered when blocked (null when there are none).</summary>
    private static Dictionary<(string, string), bool>? ReadBlockedForHelp(NpgsqlConnection c, NpgsqlTransaction transaction, IReadOnlyList<object> batch, int[] repeatOf)
    {
        Dictionary<(string, string), bool>? state = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (repeatOf[i] < 0 && batch[i] is InboundWork { Type: "HELP", ReplyToHelpWhenBlocked: false } w)
            {
                state ??= [];
                state[(w.ServiceSid, w.From)] = false;
            }
        }

        if (state is null)
        {
            return null;
        }

        using var command = new NpgsqlCommand(BlockedSql, c, transaction);
        command.Parameters.AddWithValue("s", state.Keys.Select(k => k.Item1).ToArray());
        command.Parameters.AddWithValue("n", state.Keys.Select(k => k.Item2).ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            state[(reader.GetString(0), reader.GetString(1))] = true;
        }

        return state;
    }

    private static NpgsqlBatchCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        return command;
    }

    /// <summary>What a committed round trip changed, and what the store learns from it once committed.</summary>
    private readonly record struct Applied(InboundCommit Commit, long MaxClaimedId, long? PrunedThrough)
    {
        public void AfterCommit(PostgresInboundStore store)
        {
            store.maxClaimedId = Math.Max(store.maxClaimedId, MaxClaimedId);
            if (PrunedThrough is { } through)
            {
                store.prunedThrough = through;
            }
        }
    }

    private readonly record struct CounterKey(string ServiceSid, int Day, string Type, string Country, string Keyword, string AnsweredBy) : IComparable<CounterKey>
    {
        public int CompareTo(CounterKey other)
        {
            var c = string.CompareOrdinal(ServiceSid, other.ServiceSid);
            c = c != 0 ? c : Day.CompareTo(other.Day);
            c = c != 0 ? c : string.CompareOrdinal(Type, other.Type);
            c = c != 0 ? c : string.CompareOrdinal(Country, other.Country);
            c = c != 0 ? c : string.CompareOrdinal(Keyword, other.Keyword);
            return c != 0 ? c : string.CompareOrdinal(AnsweredBy, other.AnsweredBy);
        }
    }

    private sealed class EventColumns
    {
        public List<string> Service { get; } = [];
        public List<string> From { get; } = [];
        public List<string> Country { get; } = [];
        public List<string> Type { get; } = [];
        public List<string> Keyword { get; } = [];
        public List<string?> Language { get; } = [];
        public List<string> AnsweredBy { get; } = [];
        public List<string?> MessageSid { get; } = [];

        public int Count => Service.Count;

        public void Add(InboundWork w)
        {
            Service.Add(w.ServiceSid);
            From.Add(w.From);
            Country.Add(w.Country);
            Type.Add(w.Type!);
            Keyword.Add(w.Keyword ?? string.Empty);
            Language.Add(w.Language);
            AnsweredBy.Add(w.AnsweredBy ?? "global");
            MessageSid.Add(w.MessageSid);
        }
    }

    private sealed class OutboxColumns
    {
        public List<string> Service { get; } = [];
        public List<string> Url { get; } = [];
        public List<string> Parameters { get; } = [];
        public List<string?> MessageSid { get; } = [];

        public int Count => Service.Count;

        public void Add(InboundWork w)
        {
            Service.Add(w.ServiceSid);
            Url.Add(w.ForwardUrl!);
            Parameters.Add(w.ForwardParametersJson ?? "{}");
            MessageSid.Add(w.MessageSid);
        }
    }
}
