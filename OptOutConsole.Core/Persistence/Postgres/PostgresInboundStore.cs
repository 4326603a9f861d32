using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Persistence.Postgres;

/// <summary>
/// The inbound writer's storage on PostgreSQL, where several console instances write at once. A batch is two round
/// trips whatever its size (docs/decisions/postgres-provider.md):
/// <list type="number">
/// <item>BEGIN, the claim of the batch's MessageSids (one multi-row insert against a unique key, so a retry that
/// reached another instance gets that instance's stored answer and no second effect), a transaction lock on each
/// number the batch changes (taken in one sorted statement), the block-list and opt-in changes one statement per
/// message in arrival order (their outcome depends on it), events and outbox rows as multi-row inserts;</item>
/// <item>the day's counters and the campaign conversions as sorted multi-row upserts, and COMMIT, which waits for the
/// WAL flush (<c>synchronous_commit=on</c>).</item>
/// </list>
/// A claim that finds a MessageSid already stored rolls the first round trip back and runs it again without the
/// repeats' effects. Rows that every instance updates (counters, conversions) are updated only in the last round trip,
/// just before the commit and in one order, so they are held for the shortest time and never in a cycle; the numbers'
/// locks make two instances' changes to one number follow each other in commit order, and cannot form a cycle either.
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

    // One key lookup a number (see AddBlockChanges: a join would be planned once, for a small table, and kept).
    private const string BlockedSql = """SELECT 1 FROM "BlockList" WHERE "ServiceSid" = @s AND "Number" IN (@n, @h) LIMIT 1""";

    private const string BlockSql =
        """
        INSERT INTO "BlockList" ("ServiceSid", "Number", "OptedOutAt", "Keyword", "Source", "MessageSid")
        VALUES (@s, @n, @t, @k, @src, @m) ON CONFLICT ("ServiceSid", "Number") DO NOTHING
        """;

    private const string UnblockSql = """DELETE FROM "BlockList" WHERE "ServiceSid" = @s AND "Number" = @n""";

    // A campaign START counts unless it is the same campaign still running (the upsert's WHERE): a returned row is an
    // opt-in to add to today's cohort of the keyword (in the commit's round trip, with the other counters).
    private const string OptInSql =
        """
        INSERT INTO "OptInStates" ("ServiceSid", "Number", "Keyword", "Day", "Country", "OptedOut") VALUES (@s, @n, @k, @d, @c, FALSE)
        ON CONFLICT ("ServiceSid", "Number") DO UPDATE SET "Keyword" = excluded."Keyword", "Day" = excluded."Day", "Country" = excluded."Country", "OptedOut" = FALSE
        WHERE NOT ("OptInStates"."OptedOut" = FALSE AND "OptInStates"."Keyword" = excluded."Keyword")
        RETURNING 1
        """;

    // A STOP keyword ends a running campaign opt-in: a returned row is the cohort it is counted against.
    private const string EndOptInSql =
        """
        UPDATE "OptInStates" SET "OptedOut" = TRUE WHERE "ServiceSid" = @s AND "Number" = @n AND "OptedOut" = FALSE
        RETURNING "Day", "Keyword", "Country"
        """;

    // The same changes for a batch in which each number changes once: one statement each, not one per message.
    private const string BlocksSql =
        """
        INSERT INTO "BlockList" ("ServiceSid", "Number", "OptedOutAt", "Keyword", "Source", "MessageSid")
        SELECT s, n, @t, k, src, m FROM unnest(@s::text[], @n::text[], @k::text[], @src::text[], @m::text[]) AS u(s, n, k, src, m)
        ON CONFLICT ("ServiceSid", "Number") DO NOTHING
        """;


    private const string OptInsSql =
        """
        INSERT INTO "OptInStates" ("ServiceSid", "Number", "Keyword", "Day", "Country", "OptedOut")
        SELECT s, n, k, @d, c, FALSE FROM unnest(@s::text[], @n::text[], @k::text[], @c::text[]) AS u(s, n, k, c)
        ON CONFLICT ("ServiceSid", "Number") DO UPDATE SET "Keyword" = excluded."Keyword", "Day" = excluded."Day", "Country" = excluded."Country", "OptedOut" = FALSE
        WHERE NOT ("OptInStates"."OptedOut" = FALSE AND "OptInStates"."Keyword" = excluded."Keyword")
        RETURNING "ServiceSid", "Keyword", "Country"
        """;

    // Every number the batch changes, locked until the commit, in one order on every instance.
    private const string LockNumbersSql = """SELECT pg_advisory_xact_lock(k) FROM unnest(@k::bigint[]) AS u(k) ORDER BY k""";

    private const string ConversionsSql =
        """
        INSERT INTO "ConversionCounters" ("ServiceSid", "Day", "Keyword", "Country", "OptIns", "OptedOutLater")
        SELECT * FROM unnest(@s::text[], @d::integer[], @k::text[], @c::text[], @i::bigint[], @o::bigint[])
        ON CONFLICT ("ServiceSid", "Day", "Keyword", "Country") DO UPDATE
        SET "OptIns" = "ConversionCounters"."OptIns" + excluded."OptIns", "OptedOutLater" = "ConversionCounters"."OptedOutLater" + excluded."OptedOutLater"
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

    private const string ReviewsSql =
        """
        INSERT INTO "ReviewItems" ("ServiceSid", "From", "Body", "MessageSid", "ReceivedAt", "DueAt", "Score", "Phrase", "PhraseStart", "PhraseLength", "Language", "Status")
        SELECT s, f, b, m, @t, @d, sc, p, ps, pl, l, 'open'
        FROM unnest(@s::text[], @f::text[], @b::text[], @m::text[], @sc::double precision[], @p::text[], @ps::integer[], @pl::integer[], @l::text[]) AS u(s, f, b, m, sc, p, ps, pl, l)
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

        var open = false;
        try
        {
            // 2. The answers, known before the effects: only a HELP to a blocked number can lose its reply, so only
            // those numbers' state is read (in the transaction: rare), and followed through the batch in order.
            if (NeedsBlockState(batch, repeatOf))
            {
                Execute(c, "BEGIN");
                open = true;
            }

            Decide(c, batch, repeatOf, answers, open);

            // 3. Most batches hold only new MessageSids: claim them and apply every effect in one round trip, and commit
            // (with the shared counters) once the claim says they were all new. A MessageSid already stored (a retry,
            // maybe answered by another instance) undoes that round trip: the batch is applied again without the
            // repeats' effects, which get their stored answers.
            var applied = new bool[n];
            for (var i = 0; i < n; i++)
            {
                applied[i] = repeatOf[i] < 0;
            }

            for (var attempt = 1; ; attempt++)
            {
                // The round trip begins the transaction unless it is open already: from here on there is one to end.
                var begin = !open;
                open = true;
                var round = ClaimAndApply(c, batch, first, answers, applied, t, begin);
                if (round.Claimed.Count == round.Sids.Length)
                {
                    Finish(c, round);
                    open = false;
                    for (var i = 0; i < n; i++)
                    {
                        if (repeatOf[i] >= 0)
                        {
                            answers[i] = answers[repeatOf[i]];
                        }
                    }

                    maxClaimedId = Math.Max(maxClaimedId, round.MaxClaimedId);
                    if (round.PrunedThrough is { } through)
                    {
                        prunedThrough = through;
                    }

                    return round.Commit;
                }

                // Another SID may be claimed elsewhere between this rollback and the next try: try until none is.
                if (attempt == MaxAttempts * 2)
                {
                    throw new InvalidOperationException("The batch's MessageSids kept being claimed by another instance; its requests get an error and the provider retries them.");
                }

                Execute(c, "ROLLBACK");
                open = false;
                Execute(c, "BEGIN");
                open = true;
                foreach (var sid in StoredAnswers(c, round.Sids, round.Claimed, first, answers))
                {
                    applied[first[sid]] = false;
                }
            }
        }
        catch when (open && c.FullState == ConnectionState.Open)
        {
            // The transaction failed part-way (the server aborted it): end it, so the connection serves the next batch.
            try
            {
                Execute(c, "ROLLBACK");
            }
            catch (NpgsqlException)
            {
                Drop();
            }

            throw;
        }
    }

    private static void Execute(NpgsqlConnection c, string sql)
    {
        using var command = new NpgsqlCommand(sql, c);
        command.ExecuteNonQuery();
    }

    private static bool NeedsBlockState(IReadOnlyList<object> batch, int[] repeatOf)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (repeatOf[i] < 0 && batch[i] is InboundWork { Type: "HELP", ReplyToHelpWhenBlocked: false })
            {
                return true;
            }
        }

        return false;
    }

    private static void Decide(NpgsqlConnection c, IReadOnlyList<object> batch, int[] repeatOf, string[] answers, bool readBlockState)
    {
        var blocked = readBlockState ? ReadBlockedForHelp(c, batch, repeatOf) : null;
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
    /// The first round trip: (BEGIN,) the claim of the batch's new MessageSids (sorted, so two instances lock them in one
    /// order), the numbers' locks, and the effects of every item marked <paramref name="applied"/>. What every instance
    /// updates (counters, conversions) is only gathered here, for <see cref="Finish"/>.
    /// </summary>
    private Round ClaimAndApply(NpgsqlConnection c, IReadOnlyList<object> batch, Dictionary<string, int> first, string[] answers, bool[] applied, long t, bool begin)
    {
        var day = (int)(t / 86_400_000L);
        using var effects = new NpgsqlBatch(c);
        if (begin)
        {
            effects.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }

        // What each result set of the batch is read into, in order (only the claim, the locks and the opt-ins return rows).
        var readers = new List<Action<NpgsqlDataReader>>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var maxId = 0L;
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
            readers.Add(reader =>
            {
                while (reader.Read())
                {
                    claimed.Add(reader.GetString(0));
                    maxId = Math.Max(maxId, reader.GetInt64(1));
                }
            });
        }

        var locks = new SortedSet<long>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (applied[i] && batch[i] switch
            {
                InboundWork w => w.Type is "STOP" or "START" || w.CampaignOptIn ? (w.ServiceSid, w.From) : default((string, string)?),
                ProviderOptOutWork p => (p.ServiceSid, p.Number),
                _ => null,
            } is { } number)
            {
                locks.Add(LockKey(number.Item1, number.Item2));
            }
        }

        if (locks.Count > 0)
        {
            effects.BatchCommands.Add(Command(LockNumbersSql, ("k", locks.ToArray())));
            readers.Add(reader =>
            {
                while (reader.Read())
                {
                }
            });
        }

        var conversions = new Dictionary<ConversionKey, ConversionCount>();
        var ev = new EventColumns();
        var outbox = new OutboxColumns();
        var counters = new Dictionary<CounterKey, long>();
        var forwards = false;
        var blocks = new NumberChanges();
        var optIns = new NumberChanges();
        var reviews = new List<InboundWork>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!applied[i])
            {
                continue;
            }

            switch (batch[i])
            {
                case InboundWork w:
                    if (w.Type is "STOP" or "START")
                    {
                        blocks.Add(w.ServiceSid, w.From, i);
                    }

                    // Only STOP keywords end a campaign opt-in (docs/decisions/dashboard-net-change.md).
                    if (w.CampaignOptIn || w.Type == "STOP")
                    {
                        optIns.Add(w.ServiceSid, w.From, i);
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

                    if (w.Review is not null)
                    {
                        reviews.Add(w);
                    }

                    break;
                case ProviderOptOutWork p:
                    blocks.Add(p.ServiceSid, p.Number, i);
                    break;
            }
        }

        AddBlockChanges(effects, batch, blocks, t);
        AddOptInChanges(effects, batch, optIns, day, readers, conversions);

        if (ev.Count > 0)
        {
            effects.BatchCommands.Add(Command(EventsSql, ("t", t), ("s", ev.Service.ToArray()), ("f", ev.From.ToArray()), ("c", ev.Country.ToArray()), ("y", ev.Type.ToArray()), ("k", ev.Keyword.ToArray()), ("l", ev.Language.ToArray()), ("a", ev.AnsweredBy.ToArray()), ("m", ev.MessageSid.ToArray())));
        }

        if (reviews.Count > 0)
        {
            effects.BatchCommands.Add(Command(
                ReviewsSql,
                ("t", t),
                ("d", Review.BusinessDays.DueAfter(DateTimeOffset.FromUnixTimeMilliseconds(t)).ToUnixTimeMilliseconds()),
                ("s", reviews.Select(w => w.ServiceSid).ToArray()),
                ("f", reviews.Select(w => w.From).ToArray()),
                ("b", reviews.Select(w => w.Body ?? string.Empty).ToArray()),
                ("m", reviews.Select(w => w.MessageSid).ToArray()),
                ("sc", reviews.Select(w => w.Review!.Score).ToArray()),
                ("p", reviews.Select(w => Sqlite.SqliteWriterCommands.Truncate(w.Review!.Phrase, Review.ReviewItem.PhraseMaxLength)).ToArray()),
                ("ps", reviews.Select(w => w.Review!.PhraseStart).ToArray()),
                ("pl", reviews.Select(w => w.Review!.PhraseLength).ToArray()),
                ("l", reviews.Select(w => w.Review!.Language).ToArray())));
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

        if (effects.BatchCommands.Count > 0)
        {
            using var reader = effects.ExecuteReader();
            var read = 0;
            if (readers.Count > 0)
            {
                do
                {
                    if (read == readers.Count)
                    {
                        throw new InvalidOperationException("The batch returned more result sets than it has statements that return rows.");
                    }

                    readers[read++](reader);
                }
                while (reader.NextResult());
            }

            if (read != readers.Count)
            {
                throw new InvalidOperationException($"The batch returned {read} result sets for {readers.Count} statements that return rows.");
            }
        }

        return new Round(
            sids,
            claimed,
            new InboundCommit(ev.Count, forwards, conversions.Count > 0, 0, null),
            counters,
            conversions,
            maxId,
            prune is not null && prune.RecordsAffected < MaxPrunePerBatch ? bound : null);
    }

    /// <summary>
    /// The block-list changes of the batch: one multi-row insert (STOP, provider opt-out) and one multi-row delete
    /// (START) when each number changes once, as most batches have it; one statement per message in arrival order when
    /// a number changes twice (STOP then START, whose outcome depends on the order).
    /// </summary>
    private static void AddBlockChanges(NpgsqlBatch effects, IReadOnlyList<object> batch, NumberChanges changes, long t)
    {
        if (changes.Repeats)
        {
            foreach (var i in changes.Items)
            {
                effects.BatchCommands.Add(batch[i] switch
                {
                    InboundWork { Type: "STOP" } w => Command(BlockSql, ("s", w.ServiceSid), ("n", w.From), ("t", t), ("k", w.BlockKeyword ?? w.Keyword), ("src", w.BlockSource), ("m", w.MessageSid)),
                    InboundWork w => Command(UnblockSql, ("s", w.ServiceSid), ("n", w.From)),
                    ProviderOptOutWork p => Command(BlockSql, ("s", p.ServiceSid), ("n", p.Number), ("t", t), ("k", null), ("src", BlockListSources.Provider), ("m", p.MessageSid)),
                    _ => throw new InvalidOperationException("Not a block-list change."),
                });
                if (batch[i] is InboundWork { Type: "START", FromHash: { } erased } start)
                {
                    // An erased subscriber's entry is kept under the hash (issue 13): START takes it off as well.
                    effects.BatchCommands.Add(Command(UnblockSql, ("s", start.ServiceSid), ("n", erased)));
                }
            }

            return;
        }

        var add = new List<(string Service, string Number, string? Keyword, string Source, string? MessageSid)>();
        var remove = new List<(string Service, string Number)>();
        foreach (var i in changes.Items)
        {
            switch (batch[i])
            {
                case InboundWork { Type: "STOP" } w:
                    add.Add((w.ServiceSid, w.From, w.BlockKeyword ?? w.Keyword, w.BlockSource, w.MessageSid));
                    break;
                case InboundWork w:
                    remove.Add((w.ServiceSid, w.From));
                    if (w.FromHash is { } erased)
                    {
                        remove.Add((w.ServiceSid, erased));
                    }

                    break;
                case ProviderOptOutWork p:
                    add.Add((p.ServiceSid, p.Number, null, BlockListSources.Provider, p.MessageSid));
                    break;
            }
        }

        if (add.Count > 0)
        {
            effects.BatchCommands.Add(Command(BlocksSql, ("t", t), ("s", add.Select(a => a.Service).ToArray()), ("n", add.Select(a => a.Number).ToArray()), ("k", add.Select(a => a.Keyword).ToArray()), ("src", add.Select(a => a.Source).ToArray()), ("m", add.Select(a => a.MessageSid).ToArray())));
        }

        // One statement a number: a multi-row delete (a join with unnest(), or "= ANY") got a generic plan made while the
        // table was small, which scanned every row of the service through its other index (1-3 ms a batch at 25,000
        // rows); equality on the whole primary key is planned as a key lookup whatever the statistics say.
        foreach (var (service, number) in remove)
        {
            effects.BatchCommands.Add(Command(UnblockSql, ("s", service), ("n", number)));
        }
    }

    /// <summary>
    /// The campaign opt-in changes (campaign STARTs begin one, STOPs end one), set-based or per message like
    /// <see cref="AddBlockChanges"/>; what they count is gathered into <paramref name="conversions"/> from the rows they return.
    /// </summary>
    private static void AddOptInChanges(NpgsqlBatch effects, IReadOnlyList<object> batch, NumberChanges changes, int day, List<Action<NpgsqlDataReader>> readers, Dictionary<ConversionKey, ConversionCount> conversions)
    {
        void Count(ConversionKey cohort, ConversionCount change) => conversions[cohort] = conversions.GetValueOrDefault(cohort) + change;

        if (changes.Repeats)
        {
            foreach (var i in changes.Items)
            {
                var w = (InboundWork)batch[i];
                if (w.CampaignOptIn)
                {
                    effects.BatchCommands.Add(Command(OptInSql, ("s", w.ServiceSid), ("n", w.From), ("k", w.Keyword), ("d", day), ("c", w.Country)));
                    var cohort = new ConversionKey(w.ServiceSid, day, w.Keyword!, w.Country);
                    readers.Add(reader =>
                    {
                        if (reader.Read())
                        {
                            Count(cohort, new ConversionCount(1, 0));
                        }
                    });
                }
                else
                {
                    effects.BatchCommands.Add(Command(EndOptInSql, ("s", w.ServiceSid), ("n", w.From)));
                    var service = w.ServiceSid;
                    readers.Add(reader =>
                    {
                        if (reader.Read())
                        {
                            Count(new ConversionKey(service, reader.GetInt32(0), reader.GetString(1), reader.GetString(2)), new ConversionCount(0, 1));
                        }
                    });
                }
            }

            return;
        }

        var begin = changes.Items.Select(i => (InboundWork)batch[i]).Where(w => w.CampaignOptIn).ToList();
        var end = changes.Items.Select(i => (InboundWork)batch[i]).Where(w => !w.CampaignOptIn).ToList();
        if (begin.Count > 0)
        {
            effects.BatchCommands.Add(Command(OptInsSql, ("d", day), ("s", begin.Select(w => w.ServiceSid).ToArray()), ("n", begin.Select(w => w.From).ToArray()), ("k", begin.Select(w => w.Keyword!).ToArray()), ("c", begin.Select(w => w.Country).ToArray())));
            readers.Add(reader =>
            {
                while (reader.Read())
                {
                    Count(new ConversionKey(reader.GetString(0), day, reader.GetString(1), reader.GetString(2)), new ConversionCount(1, 0));
                }
            });
        }

        // STOPs end their opt-ins one statement a number: an UPDATE for several ("= ANY") got a generic plan made while
        // the table was small, a scan of every opt-in, kept as the table grew (39 % of the database's time with two
        // instances); equality on the whole primary key is planned as a key lookup whatever the statistics say.
        foreach (var w in end)
        {
            effects.BatchCommands.Add(Command(EndOptInSql, ("s", w.ServiceSid), ("n", w.From)));
            var service = w.ServiceSid;
            readers.Add(reader =>
            {
                if (reader.Read())
                {
                    Count(new ConversionKey(service, reader.GetInt32(0), reader.GetString(1), reader.GetString(2)), new ConversionCount(0, 1));
                }
            });
        }
    }

    /// <summary>The second round trip: the rows every instance updates (sorted, so no two batches ever wait on each other in a cycle), then COMMIT.</summary>
    private static void Finish(NpgsqlConnection c, Round round)
    {
        using var finish = new NpgsqlBatch(c);
        if (round.Counters.Count > 0)
        {
            var keys = round.Counters.Keys.Order().ToArray();
            finish.BatchCommands.Add(Command(
                CountersSql,
                ("s", keys.Select(k => k.ServiceSid).ToArray()),
                ("d", keys.Select(k => k.Day).ToArray()),
                ("y", keys.Select(k => k.Type).ToArray()),
                ("c", keys.Select(k => k.Country).ToArray()),
                ("k", keys.Select(k => k.Keyword).ToArray()),
                ("a", keys.Select(k => k.AnsweredBy).ToArray()),
                ("n", keys.Select(k => round.Counters[k]).ToArray())));
        }

        if (round.Conversions.Count > 0)
        {
            var keys = round.Conversions.Keys.OrderBy(k => k.ServiceSid, StringComparer.Ordinal).ThenBy(k => k.Day).ThenBy(k => k.Keyword, StringComparer.Ordinal).ThenBy(k => k.Country, StringComparer.Ordinal).ToArray();
            finish.BatchCommands.Add(Command(
                ConversionsSql,
                ("s", keys.Select(k => k.ServiceSid).ToArray()),
                ("d", keys.Select(k => k.Day).ToArray()),
                ("k", keys.Select(k => k.Keyword).ToArray()),
                ("c", keys.Select(k => k.Country).ToArray()),
                ("i", keys.Select(k => round.Conversions[k].OptIns).ToArray()),
                ("o", keys.Select(k => round.Conversions[k].OptedOutLater).ToArray())));
        }

        finish.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        finish.ExecuteNonQuery();
    }

    /// <summary>A number's transaction-lock key: FNV-1a over the service and the number (a collision only makes two numbers wait for each other).</summary>
    private static long LockKey(string serviceSid, string number)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in serviceSid)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        hash = (hash ^ '|') * 1099511628211UL;
        foreach (var ch in number)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    /// <summary>The stored answers of the SIDs the claim did not take (processed before, here or on another instance); returns those SIDs.</summary>
    private static List<string> StoredAnswers(NpgsqlConnection c, string[] sids, HashSet<string> claimed, Dictionary<string, int> first, string[] answers)
    {
        var repeated = sids.Where(s => !claimed.Contains(s)).ToList();
        using var stored = new NpgsqlCommand(StoredAnswersSql, c);
        stored.Parameters.AddWithValue("m", repeated.ToArray());
        using var reader = stored.ExecuteReader();
        while (reader.Read())
        {
            answers[first[reader.GetString(0)]] = reader.GetString(1);
        }

        return repeated;
    }

    /// <summary>The block state of the numbers whose HELP may go unanswered when blocked (null when there are none).</summary>
    private static Dictionary<(string, string), bool>? ReadBlockedForHelp(NpgsqlConnection c, IReadOnlyList<object> batch, int[] repeatOf)
    {
        Dictionary<(string, string), bool>? state = null;
        Dictionary<(string, string), string?>? hashes = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (repeatOf[i] < 0 && batch[i] is InboundWork { Type: "HELP", ReplyToHelpWhenBlocked: false } w)
            {
                state ??= [];
                hashes ??= [];
                state[(w.ServiceSid, w.From)] = false;
                hashes[(w.ServiceSid, w.From)] = w.FromHash;
            }
        }

        if (state is null)
        {
            return null;
        }

        var keys = state.Keys.ToList();
        using var lookups = new NpgsqlBatch(c);
        foreach (var (service, number) in keys)
        {
            // An erased subscriber's entry is kept under the hash (issue 13).
            lookups.BatchCommands.Add(Command(BlockedSql, ("s", service), ("n", number), ("h", hashes![(service, number)] ?? number)));
        }

        using var reader = lookups.ExecuteReader();
        var k = 0;
        do
        {
            state[keys[k++]] = reader.Read();
        }
        while (reader.NextResult());

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

    /// <summary>What the first round trip did, and what the second must write.</summary>
    private sealed record Round(
        string[] Sids,
        HashSet<string> Claimed,
        InboundCommit Commit,
        Dictionary<CounterKey, long> Counters,
        Dictionary<ConversionKey, ConversionCount> Conversions,
        long MaxClaimedId,
        long? PrunedThrough);

    /// <summary>The items of a batch that change a number's row, and whether some number changes more than once.</summary>
    private sealed class NumberChanges
    {
        private readonly HashSet<(string, string)> seen = [];

        public List<int> Items { get; } = [];

        public bool Repeats { get; private set; }

        public void Add(string serviceSid, string number, int item)
        {
            Repeats |= !seen.Add((serviceSid, number));
            Items.Add(item);
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
