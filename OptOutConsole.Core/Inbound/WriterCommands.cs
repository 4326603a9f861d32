using Microsoft.Data.Sqlite;

namespace OptOutConsole.Core.Inbound;

/// <summary>The writer's prepared statements, reused for every message (the hot path allocates no SQL).</summary>
internal sealed class WriterCommands : IDisposable
{
    private readonly SqliteCommand selectProcessed;
    private readonly SqliteCommand insertProcessed;
    private readonly SqliteCommand insertBlock;
    private readonly SqliteCommand deleteBlock;
    private readonly SqliteCommand selectBlock;
    private readonly SqliteCommand insertEvent;
    private readonly SqliteCommand upsertCounter;
    private readonly SqliteCommand insertOutbox;
    private readonly SqliteCommand pruneByTime;
    private readonly SqliteCommand pruneByCount;
    private readonly SqliteCommand[] all;

    public WriterCommands(SqliteConnection connection)
    {
        selectProcessed = Make(connection, "SELECT ResponseXml FROM ProcessedMessages WHERE MessageSid = $m", "$m");
        insertProcessed = Make(connection, "INSERT OR IGNORE INTO ProcessedMessages (MessageSid, ServiceSid, ResponseXml, ProcessedAt) VALUES ($m, $s, $x, $t)", "$m", "$s", "$x", "$t");
        insertBlock = Make(connection, "INSERT INTO BlockList (ServiceSid, Number, OptedOutAt, Keyword, Source, MessageSid) VALUES ($s, $n, $t, $k, $src, $m) ON CONFLICT (ServiceSid, Number) DO NOTHING", "$s", "$n", "$t", "$k", "$src", "$m");
        deleteBlock = Make(connection, "DELETE FROM BlockList WHERE ServiceSid = $s AND Number = $n", "$s", "$n");
        selectBlock = Make(connection, "SELECT 1 FROM BlockList WHERE ServiceSid = $s AND Number = $n", "$s", "$n");
        insertEvent = Make(connection, "INSERT INTO Events (Time, ServiceSid, \"From\", Country, Type, Keyword, Language, AnsweredBy, MessageSid) VALUES ($t, $s, $f, $c, $y, $k, $l, $a, $m)", "$t", "$s", "$f", "$c", "$y", "$k", "$l", "$a", "$m");
        upsertCounter = Make(connection, "INSERT INTO DailyCounters (ServiceSid, Day, Type, Country, Keyword, AnsweredBy, Count) VALUES ($s, $d, $y, $c, $k, $a, $n) ON CONFLICT (ServiceSid, Day, Type, Country, Keyword, AnsweredBy) DO UPDATE SET Count = Count + excluded.Count", "$s", "$d", "$y", "$c", "$k", "$a", "$n");
        insertOutbox = Make(connection, "INSERT INTO Outbox (ServiceSid, Url, ParametersJson, MessageSid, State, Attempts, LastError, CreatedAt, NextAttemptAt, DeliveredAt) VALUES ($s, $u, $p, $m, 'pending', 0, NULL, $t, $t, NULL)", "$s", "$u", "$p", "$m", "$t");
        pruneByTime = Make(connection, "DELETE FROM ProcessedMessages WHERE ProcessedAt < $t", "$t");
        pruneByCount = Make(connection, "DELETE FROM ProcessedMessages WHERE rowid <= (SELECT MAX(rowid) FROM ProcessedMessages) - $n", "$n");
        all = [selectProcessed, insertProcessed, insertBlock, deleteBlock, selectBlock, insertEvent, upsertCounter, insertOutbox, pruneByTime, pruneByCount];
    }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var c in all)
        {
            c.Transaction = transaction;
        }
    }

    public string? ProcessedAnswer(string messageSid)
    {
        selectProcessed.Parameters[0].Value = messageSid;
        return selectProcessed.ExecuteScalar() as string;
    }

    /// <summary>Stores the answer of a first delivery; false when the MessageSid was already answered.</summary>
    public bool TryRememberAnswer(string messageSid, string serviceSid, string answer, DateTimeOffset now) =>
        Run(insertProcessed, messageSid, serviceSid, answer, now.ToUnixTimeMilliseconds()) == 1;

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

    public void AddOutbox(string serviceSid, string url, string parametersJson, string? messageSid, DateTimeOffset now) =>
        Run(insertOutbox, serviceSid, url, parametersJson, messageSid, now.ToUnixTimeMilliseconds());

    public void PruneProcessed(DateTimeOffset olderThan, int keepRows)
    {
        Run(pruneByTime, olderThan.ToUnixTimeMilliseconds());
        Run(pruneByCount, keepRows);
    }

    public void Dispose()
    {
        foreach (var c in all)
        {
            c.Dispose();
        }
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
