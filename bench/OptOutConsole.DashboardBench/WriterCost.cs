using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OptOutConsole.DashboardBench;

/// <summary>
/// What keeping the counters costs the webhook's writer: the writer's own statements per message (idempotency check,
/// block list, event, answer; see Core/Inbound/WriterCommands.cs) in group commits with synchronous=FULL, with and
/// without the counters (off; one upsert per event, as first written; one upsert per distinct counter of the batch, as
/// the writer does now), alternating rounds on the same database. The HTTP and classifier work of a real request
/// comes on top and is the same either way, so the relative cost measured here is an upper bound for the webhook.
/// </summary>
internal static class WriterCost
{
    public static async Task<int> RunAsync(Options options)
    {
        var path = Path.GetFullPath(options.Text("db", "/tmp/dash-writer.db"));
        var messages = (int)options.Number("messages", 40_000);
        var batch = (int)options.Number("batch", 64);
        var rounds = (int)options.Number("rounds", 6);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        var sid = (string)Scalar(connection, "SELECT Sid FROM Services ORDER BY Sid LIMIT 1")!;
        var random = new Random(7);
        string[] modes = ["off", "per event", "per batch"];
        var rates = modes.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var j = 0; j < modes.Length; j++)
            {
                var mode = (round + j) % modes.Length; // rotate the order so drift spreads evenly
                var rate = Round(connection, sid, messages, batch, mode, random);
                rates[mode].Add(rate);
                Console.WriteLine($"round {round + 1}, batch {batch}, counters {modes[mode]}: {rate:N0} messages/s");
            }
        }

        var medians = rates.Select(r => r.Order().ElementAt(r.Count / 2)).ToArray();
        Console.WriteLine($"median (batch {batch}): off {medians[0]:N0}/s; per event {medians[1]:N0}/s (cost {(1 - (medians[1] / medians[0])) * 100:F1} %); per batch {medians[2]:N0}/s (cost {(1 - (medians[2] / medians[0])) * 100:F1} %)");
        return 0;
    }

    private static double Round(SqliteConnection connection, string sid, int messages, int batch, int mode, Random random)
    {
        using var selectProcessed = Make(connection, "SELECT ResponseXml FROM ProcessedMessages WHERE MessageSid = $m", "$m");
        using var insertProcessed = Make(connection, "INSERT OR IGNORE INTO ProcessedMessages (MessageSid, ServiceSid, ResponseXml, ProcessedAt) VALUES ($m, $s, $x, $t)", "$m", "$s", "$x", "$t");
        using var insertBlock = Make(connection, "INSERT INTO BlockList (ServiceSid, Number, OptedOutAt, Keyword, Source, MessageSid) VALUES ($s, $n, $t, $k, 'keyword', $m) ON CONFLICT (ServiceSid, Number) DO NOTHING", "$s", "$n", "$t", "$k", "$m");
        using var deleteBlock = Make(connection, "DELETE FROM BlockList WHERE ServiceSid = $s AND Number = $n", "$s", "$n");
        using var insertEvent = Make(connection, "INSERT INTO Events (Time, ServiceSid, \"From\", Country, Type, Keyword, Language, AnsweredBy, MessageSid) VALUES ($t, $s, $f, $c, $y, $k, $l, $a, $m)", "$t", "$s", "$f", "$c", "$y", "$k", "$l", "$a", "$m");
        using var upsertCounter = Make(connection, "INSERT INTO DailyCounters (ServiceSid, Day, Type, Country, Keyword, AnsweredBy, Count) VALUES ($s, $d, $y, $c, $k, $a, $n) ON CONFLICT (ServiceSid, Day, Type, Country, Keyword, AnsweredBy) DO UPDATE SET Count = Count + excluded.Count", "$s", "$d", "$y", "$c", "$k", "$a", "$n");
        SqliteCommand[] all = [selectProcessed, insertProcessed, insertBlock, deleteBlock, insertEvent, upsertCounter];
        string[] types = ["STOP", "STOP", "STOP", "START", "START", "HELP"];
        string[] countries = ["US", "US", "US", "MX", "CA", "GB"];
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < messages;)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var c in all)
            {
                c.Transaction = transaction;
            }

            var pending = new Dictionary<(long Day, string Type, string Country), long>();
            for (var i = 0; i < batch && done < messages; i++, done++)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var messageSid = "SM" + Guid.NewGuid().ToString("N");
                var number = "+1" + (2_000_000_000L + random.Next(2_000_000)).ToString(CultureInfo.InvariantCulture);
                var type = types[random.Next(types.Length)];
                var country = countries[random.Next(countries.Length)];
                Run(selectProcessed, messageSid);
                if (type == "STOP")
                {
                    Run(insertBlock, sid, number, now, type, messageSid);
                }
                else if (type == "START")
                {
                    Run(deleteBlock, sid, number);
                }

                Run(insertEvent, now, sid, number, country, type, type, "en", "global", messageSid);
                if (mode == 1)
                {
                    Run(upsertCounter, sid, now / 86_400_000L, type, country, type, "global", 1L);
                }
                else if (mode == 2)
                {
                    var key = (now / 86_400_000L, type, country);
                    pending[key] = pending.GetValueOrDefault(key) + 1;
                }

                Run(insertProcessed, messageSid, sid, "<Response/>", now);
            }

            foreach (var ((day, type, country), n) in pending)
            {
                Run(upsertCounter, sid, day, type, country, type, "global", n);
            }

            transaction.Commit();
        }

        return messages / watch.Elapsed.TotalSeconds;
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

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
