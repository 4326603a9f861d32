using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OptOutConsole.LoadGen;

/// <summary>
/// Checks a database after a load run: the stored events equal the 2xx answers with a keyword match (when given),
/// the daily counters add up to the events, and the block list equals a replay of the keyword events (last STOP or
/// START of each number wins). <c>--db FILE</c> for SQLite, <c>--postgres CONNECTION</c> for PostgreSQL.
/// </summary>
internal static class Verify
{
    public static int Run(Options o)
    {
        using DbConnection connection = o.Find("postgres") is { } postgres
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={o.Get("db")};Mode=ReadOnly");
        connection.Open();
        var sid = o.Get("sid");
        var events = Scalar(connection, """SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @s""", sid);
        var counted = Scalar(connection, """SELECT COALESCE(SUM("Count"), 0) FROM "DailyCounters" WHERE "ServiceSid" = @s""", sid);
        var failures = 0;
        Console.WriteLine($"events stored: {events}; sum of daily counters: {counted}");
        if (events != counted)
        {
            Console.WriteLine("FAIL: the counters do not add up to the events");
            failures++;
        }

        if (o.Find("matched") is { } matchedText)
        {
            // wrk stops each run with up to one request in flight per connection: the console answers those (and
            // stores their events) after wrk stopped reading, so they are stored but not counted. --slack bounds them.
            var matched = long.Parse(matchedText, System.Globalization.CultureInfo.InvariantCulture);
            var slack = o.Int("slack", 0);
            var ok = events >= matched && events - matched <= slack;
            Console.WriteLine($"2xx answers with a keyword match counted by wrk: {matched}; stored events: {events}; difference {events - matched} (allowed: 0 to {slack}, requests in flight when wrk stopped) -> {(ok ? "ok" : "FAIL")}");
            failures += ok ? 0 : 1;
        }

        // Replayed in commit order: the ids' order on SQLite (one writer). On PostgreSQL several instances take ids from
        // one sequence and commit in any order, so the events are ordered by their transaction's commit time (the
        // cluster needs track_commit_timestamp=on), then by id within a transaction.
        var replay = new Dictionary<string, bool>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            var order = connection is NpgsqlConnection ? """pg_xact_commit_timestamp(xmin), "Id" """ : "\"Id\"";
            command.CommandText = $"""SELECT "From", "Type" FROM "Events" WHERE "ServiceSid" = @s AND "Type" IN ('STOP', 'START') ORDER BY {order}""";
            Add(command, "@s", sid);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                replay[reader.GetString(0)] = reader.GetString(1) == "STOP";
            }
        }

        var expected = replay.Where(p => p.Value).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var actual = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """SELECT "Number" FROM "BlockList" WHERE "ServiceSid" = @s AND "Source" = 'keyword'""";
            Add(command, "@s", sid);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                actual.Add(reader.GetString(0));
            }
        }

        var same = expected.SetEquals(actual);
        var differ = expected.Except(actual).Concat(actual.Except(expected)).Count();
        Console.WriteLine($"block list: {actual.Count} numbers; replay of the events: {expected.Count} -> {(same ? "ok" : $"FAIL ({differ} numbers differ)")}");
        failures += same ? 0 : 1;
        return failures == 0 ? 0 : 1;
    }

    private static long Scalar(DbConnection connection, string sql, string sid)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@s", sid);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
