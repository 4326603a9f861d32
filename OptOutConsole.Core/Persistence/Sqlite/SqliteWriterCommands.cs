using Microsoft.Data.Sqlite;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Persistence.Sqlite;

/// <summary>The writer's prepared statements, reused for every message (the hot path allocates no SQL).</summary>
internal sealed class SqliteWriterCommands : IDisposable
{
    private readonly SqliteCommand selectProcessed;
    private readonly SqliteCommand insertProcessed;
    private readonly SqliteCommand insertBlock;
    private readonly SqliteCommand deleteBlock;
    private readonly SqliteCommand selectBlock;
    private readonly SqliteCommand insertEvent;
    private readonly SqliteCommand upsertCounter;
    private readonly SqliteCommand upsertOptIn;
    private readonly SqliteCommand endOptIn;
    private readonly SqliteCommand upsertConversion;
    private readonly SqliteCommand lastEventId;
    private readonly SqliteCommand insertOutbox;
    private readonly SqliteCommand pruneOldest;
    private readonly SqliteCommand insertReview;
    private readonly SqliteCommand[] all;

    public SqliteWriterCommands(SqliteConnection connection)
    {
        selectProcessed = Make(connection, "SELECT MessageSid, ResponseXml, ProcessedAt FROM ProcessedMessages ORDER BY Id");
        insertProcessed = Make(connection, "INSERT INTO ProcessedMessages (MessageSid, ServiceSid, ResponseXml, ProcessedAt) VALUES ($m, $s, $x, $t)", "$m", "$s", "$x", "$t");
        insertBlock = Make(connection, "INSERT INTO BlockList (ServiceSid, Number, OptedOutAt, Keyword, Source, MessageSid) VALUES ($s, $n, $t, $k, $src, $m) ON CONFLICT (ServiceSid, Number) DO NOTHING", "$s", "$n", "$t", "$k", "$src", "$m");
        deleteBlock = Make(connection, "DELETE FROM BlockList WHERE ServiceSid = $s AND Number = $n", "$s", "$n");
        selectBlock = Make(connection, "SELECT 1 FROM BlockList WHERE ServiceSid = $s AND Number = $n", "$s", "$n");
        insertEvent = Make(connection, "INSERT INTO Events (Time, ServiceSid, \"From\", Country, Type, Keyword, Language, AnsweredBy, MessageSid) VALUES ($t, $s, $f, $c, $y, $k, $l, $a, $m)", "$t", "$s", "$f", "$c", "$y", "$k", "$l", "$a", "$m");
        upsertCounter = Make(connection, "INSERT INTO DailyCounters (ServiceSid, Day, Type, Country, Keyword, AnsweredBy, Count) VALUES ($s, $d, $y, $c, $k, $a, $n) ON CONFLICT (ServiceSid, Day, Type, Country, Keyword, AnsweredBy) DO UPDATE SET Count = Count + excluded.Count", "$s", "$d", "$y", "$c", "$k", "$a", "$n");

        // A campaign START changes the number's state (and counts) unless it is the same campaign still running: the
        // upsert's WHERE makes a repeated START a no-op, so one statement both decides and writes (1 row = counted).
        upsertOptIn = Make(connection, "INSERT INTO OptInStates (ServiceSid, Number, Keyword, Day, Country, OptedOut) VALUES ($s, $n, $k, $d, $c, 0) ON CONFLICT (ServiceSid, Number) DO UPDATE SET Keyword = excluded.Keyword, Day = excluded.Day, Country = excluded.Country, OptedOut = 0 WHERE NOT (OptedOut = 0 AND Keyword = excluded.Keyword)", "$s", "$n", "$k", "$d", "$c");

        // A STOP keyword ends a running campaign opt-in and returns the cohort it is counted against.
        endOptIn = Make(connection, "UPDATE OptInStates SET OptedOut = 1 WHERE ServiceSid = $s AND Number = $n AND OptedOut = 0 RETURNING Day, Keyword, Country", "$s", "$n");
        upsertConversion = Make(connection, "INSERT INTO ConversionCounters (ServiceSid, Day, Keyword, Country, OptIns, OptedOutLater) VALUES ($s, $d, $k, $c, $i, $o) ON CONFLICT (ServiceSid, Day, Keyword, Country) DO UPDATE SET OptIns = OptIns + excluded.OptIns, OptedOutLater = OptedOutLater + excluded.OptedOutLater", "$s", "$d", "$k", "$c", "$i", "$o");
        lastEventId = Make(connection, "SELECT MAX(Id) FROM Events");
        insertOutbox = Make(connection, "INSERT INTO Outbox (ServiceSid, Url, ParametersJson, MessageSid, State, Attempts, LastError, CreatedAt, NextAttemptAt, DeliveredAt) VALUES ($s, $u, $p, $m, 'pending', 0, NULL, $t, $t, NULL)", "$s", "$u", "$p", "$m", "$t");
        pruneOldest = Make(connection, "DELETE FROM ProcessedMessages WHERE Id IN (SELECT Id FROM ProcessedMessages ORDER BY Id LIMIT $n)", "$n");
        insertReview = Make(connection, "INSERT INTO ReviewItems (ServiceSid, \"From\", Body, MessageSid, ReceivedAt, DueAt, Score, Phrase, PhraseStart, PhraseLength, Language, Status) VALUES ($s, $f, $b, $m, $t, $d, $sc, $p, $ps, $pl, $l, 'open')", "$s", "$f", "$b", "$m", "$t", "$d", "$sc", "$p", "$ps", "$pl", "$l");
        all = [selectProcessed, insertProcessed, insertBlock, deleteBlock, selectBlock, insertEvent, upsertCounter, upsertOptIn, endOptIn, upsertConversion, lastEventId, insertOutbox, pruneOldest, insertReview];
    }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var c in all)
        {
            c.Transaction = transaction;
        }
    }

    /// <summary>Reads every remembered answer, oldest first, into <paramref name="index"/> (when the writer starts).</summary>
    public void LoadAnswers(AnswerIndex index)
    {
        using var reader = selectProcessed.ExecuteReader();
        while (reader.Read())
        {
            index.Add(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    /// <summary>Appends the answer of a first delivery to the durable log <see cref="AnswerIndex"/> is rebuilt from.</summary>
    public void RememberAnswer(string messageSid, string serviceSid, string answer, DateTimeOffset now) =>
        Run(insertProcessed, messageSid, serviceSid, answer, now.ToUnixTimeMilliseconds());

    public void Block(string serviceSid, string number, DateTimeOffset now, string? keyword, string source, string? messageSid) =>
        Run(insertBlock, serviceSid, number, now.ToUnixTimeMilliseconds(), keyword, source, messageSid);

    public void Unblock(string serviceSid, string number) => Run(deleteBlock, serviceSid, number);

    public bool IsBlocked(string serviceSid, string number)
    {
        selectBlock.Parameters[0].Value = serviceSid;
        selectBlock.Parameters[1].Value = number;
        return selectBlock.ExecuteScalar() is not null;
    }

    /// <summary>Inserts the event and adds one to its counter in <paramref name="counters"/> (written by <see cref="AddCounters"/> in the same transaction).</summary>
    public void AddEvent(InboundWork w, DateTimeOffset now, Dictionary<CounterKey, long> counters)
    {
        var ms = now.ToUnixTimeMilliseconds();
        Run(insertEvent, ms, w.ServiceSid, w.From, w.Country, w.Type, w.Keyword ?? string.Empty, w.Language, w.AnsweredBy ?? "global", w.MessageSid);
        var key = new CounterKey(w.ServiceSid, ms / 86_400_000L, w.Type!, w.Country, w.Keyword ?? string.Empty, w.AnsweredBy ?? "global");
        counters[key] = counters.GetValueOrDefault(key) + 1;
    }

    /// <summary>
    /// One upsert per distinct counter of the batch rather than one per event: a batch of many messages mostly shares a
    /// few (service, day, type, country, keyword, set) keys, so this keeps the counters' cost to the webhook small.
    /// </summary>
    public void AddCounters(Dictionary<CounterKey, long> counters)
    {
        foreach (var (k, n) in counters)
        {
            Run(upsertCounter, k.ServiceSid, k.Day, k.Type, k.Country, k.Keyword, k.AnsweredBy, n);
        }
    }

    /// <summary>
    /// Applies a campaign opt-in or a STOP keyword to the number's <see cref="OptInState"/> and adds the change to its
    /// <see cref="ConversionCounter"/> in <paramref name="conversions"/> (created on the first change of the batch,
    /// so batches without one allocate nothing; written by <see cref="AddConversions"/> in the same transaction).
    /// </summary>
    public void TrackConversion(InboundWork w, DateTimeOffset now, ref Dictionary<ConversionKey, ConversionCount>? conversions)
    {
        if (w.CampaignOptIn)
        {
            var day = (int)(now.ToUnixTimeMilliseconds() / 86_400_000L);
            if (Run(upsertOptIn, w.ServiceSid, w.From, w.Keyword, day, w.Country) == 1)
            {
                Add(ref conversions, new ConversionKey(w.ServiceSid, day, w.Keyword!, w.Country), new ConversionCount(1, 0));
            }
        }
        else if (w.Type == "STOP")
        {
            endOptIn.Parameters[0].Value = w.ServiceSid;
            endOptIn.Parameters[1].Value = w.From;
            using var reader = endOptIn.ExecuteReader();
            if (reader.Read())
            {
                Add(ref conversions, new ConversionKey(w.ServiceSid, reader.GetInt32(0), reader.GetString(1), reader.GetString(2)), new ConversionCount(0, 1));
            }
        }
    }

    /// <summary>One upsert per distinct conversion counter of the batch; returns the batch's last event id (the stamp <see cref="ConversionStats"/> orders changes by).</summary>
    public long AddConversions(Dictionary<ConversionKey, ConversionCount> conversions)
    {
        foreach (var (k, n) in conversions)
        {
            Run(upsertConversion, k.ServiceSid, k.Day, k.Keyword, k.Country, n.OptIns, n.OptedOutLater);
        }

        return lastEventId.ExecuteScalar() is long id ? id : 0;
    }

    public void AddOutbox(string serviceSid, string url, string parametersJson, string? messageSid, DateTimeOffset now) =>
        Run(insertOutbox, serviceSid, url, parametersJson, messageSid, now.ToUnixTimeMilliseconds());

    /// <summary>Files a possible opt-out for review, due <see cref="Review.BusinessDays.RevocationDeadline"/> business days after <paramref name="now"/>.</summary>
    public void AddReviewItem(InboundWork w, DateTimeOffset now)
    {
        var r = w.Review!;
        Run(insertReview, w.ServiceSid, w.From, w.Body ?? string.Empty, w.MessageSid, now.ToUnixTimeMilliseconds(), Review.BusinessDays.DueAfter(now).ToUnixTimeMilliseconds(),
            r.Score, Truncate(r.Phrase, Review.ReviewItem.PhraseMaxLength), r.PhraseStart, r.PhraseLength, r.Language);
    }

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>Deletes the <paramref name="count"/> oldest remembered answers.</summary>
    public void PruneOldest(int count) => Run(pruneOldest, count);

    public void Dispose()
    {
        foreach (var c in all)
        {
            c.Dispose();
        }
    }

    private static void Add(ref Dictionary<ConversionKey, ConversionCount>? conversions, ConversionKey key, ConversionCount change)
    {
        conversions ??= [];
        conversions[key] = conversions.GetValueOrDefault(key) + change;
    }

    internal readonly record struct CounterKey(string ServiceSid, long Day, string Type, string Country, string Keyword, string AnsweredBy);

    private static int Run(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Make(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new SqliteParameter(p, null));
        }

        return command;
    }
}
