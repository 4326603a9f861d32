using System.Data.Common;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// Events per hour by (service, type, country) for the short-range chart, without rescanning a day of events on every
/// refresh. A closed day is read from the events once and kept (the most recent <see cref="MaxClosedDays"/>); the open
/// days are read once and then only what was added since, whenever someone may have committed
/// (<see cref="AppDatabase.ChangeVersionAsync"/>). Where ids are committed in their order (SQLite's one writer) "since"
/// is the last id read. Where they are not (several instances on PostgreSQL take ids from one sequence and commit in
/// any order), it is time: events older than <see cref="SettleTime"/> are read once and kept, the newer ones again
/// on every refresh, so an event committed late by another instance is never skipped.
/// </summary>
public sealed class HourlyRollup(AppDatabase database, TimeProvider clock) : IDisposable
{
    public const int MaxClosedDays = 64;

    /// <summary>How long after its time an event is surely committed (a batch commits within milliseconds of its stamp).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    private const string Tally = """SELECT "Time" / 3600000, "ServiceSid", "Type", "Country", COUNT(*) FROM "Events" WHERE """;
    private const string GroupBy = " GROUP BY 1, 2, 3, 4";

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<int, Dictionary<Key, long>> closed = [];
    private readonly Queue<int> closedOrder = new();
    private Dictionary<Key, long> open = [];
    private Dictionary<Key, long> recent = [];
    private int openFrom = int.MinValue;
    private long lastId;
    private long settledThrough;
    private long version = -1;
    private DbConnection? connection;

    /// <summary>[hour - first hour of <paramref name="firstDay"/>, type index] for days <paramref name="firstDay"/>..<paramref name="lastDay"/>.</summary>
    public async Task<long[,]> HoursAsync(string? serviceSid, string? type, string? country, int firstDay, int lastDay, CancellationToken ct)
    {
        var buckets = new long[(lastDay - firstDay + 1) * 24, 3];
        var typeIndex = type is null ? -1 : EventTypes.IndexOf(type);
        await gate.WaitAsync(ct);
        try
        {
            try
            {
                connection ??= await database.OpenAsync(ct);
                var openFromNow = (int)((clock.GetUtcNow() - CounterRollup.Grace).ToUnixTimeMilliseconds() / 86_400_000L);
                await RefreshOpenAsync(openFromNow, ct);
                for (var day = firstDay; day <= lastDay; day++)
                {
                    if (day >= openFrom)
                    {
                        Add(open, day);
                        Add(recent, day);
                    }
                    else
                    {
                        Add(await ClosedDayAsync(day, ct), day);
                    }
                }
            }
            catch (DbException)
            {
                // A connection the server dropped (a restart): the next query opens a new one and reads the open days again.
                connection?.Dispose();
                connection = null;
                openFrom = int.MinValue;
                throw;
            }

            return buckets;
        }
        finally
        {
            gate.Release();
        }

        void Add(Dictionary<Key, long> source, int day)
        {
            foreach (var (k, n) in source)
            {
                var hour = k.Hour - (firstDay * 24L);
                if (k.Hour / 24 == day && hour >= 0 && hour < buckets.GetLength(0)
                    && (serviceSid is null || k.Service == serviceSid) && (typeIndex < 0 || k.Type == typeIndex) && (country is null || k.Country == country))
                {
                    buckets[hour, k.Type] += n;
                }
            }
        }
    }

    public void Dispose()
    {
        connection?.Dispose();
        gate.Dispose();
    }

    private async Task RefreshOpenAsync(int openFromNow, CancellationToken ct)
    {
        var now = await database.ChangeVersionAsync(connection!, ct);
        var from = openFromNow * 86_400_000L;
        if (openFromNow != openFrom)
        {
            // First use, or a day has closed: start the open days again from the events (the closed day is read on demand).
            open = [];
            recent = [];
            openFrom = openFromNow;
            lastId = await ScalarAsync("""SELECT COALESCE(MAX("Id"), 0) FROM "Events" """, ct);
            settledThrough = from;
            if (database.IdsCommitInOrder)
            {
                await ReadAsync("""
                    "Time" >= @t AND "Id" <= @id
                    """, open, ct, ("@t", from), ("@id", lastId));
            }

            version = -1;
        }

        if (now == version)
        {
            return;
        }

        if (database.IdsCommitInOrder)
        {
            var max = await ScalarAsync("""SELECT COALESCE(MAX("Id"), 0) FROM "Events" """, ct);
            await ReadAsync("""
                "Id" > @id0 AND "Id" <= @id AND "Time" >= @t
                """, open, ct, ("@id0", lastId), ("@id", max), ("@t", from));
            lastId = max;
        }
        else
        {
            var settled = Math.Max(from, (clock.GetUtcNow() - SettleTime).ToUnixTimeMilliseconds());
            if (settled > settledThrough)
            {
                await ReadAsync("""
                    "Time" >= @a AND "Time" < @b
                    """, open, ct, ("@a", settledThrough), ("@b", settled));
                settledThrough = settled;
            }

            recent = [];
            await ReadAsync("""
                "Time" >= @a
                """, recent, ct, ("@a", settledThrough));
        }

        version = now;
    }

    private async Task<Dictionary<Key, long>> ClosedDayAsync(int day, CancellationToken ct)
    {
        if (!closed.TryGetValue(day, out var tallies))
        {
            tallies = [];
            await ReadAsync("""
                "Time" >= @t AND "Time" < @t2
                """, tallies, ct, ("@t", day * 86_400_000L), ("@t2", (day + 1) * 86_400_000L));
            closed[day] = tallies;
            closedOrder.Enqueue(day);
            if (closedOrder.Count > MaxClosedDays)
            {
                closed.Remove(closedOrder.Dequeue());
            }
        }

        return tallies;
    }

    private async Task ReadAsync(string where, Dictionary<Key, long> into, CancellationToken ct, params (string Name, long Value)[] parameters)
    {
        await using var command = connection!.CreateCommand();
        command.CommandText = Tally + where.Trim() + GroupBy;
        foreach (var (name, value) in parameters)
        {
            AppDatabase.AddParameter(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = EventTypes.IndexOf(reader.GetString(2));
            if (type >= 0)
            {
                var key = new Key(reader.GetInt64(0), reader.GetString(1), type, reader.GetString(3));
                into[key] = into.GetValueOrDefault(key) + reader.GetInt64(4);
            }
        }
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = connection!.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private readonly record struct Key(long Hour, string Service, int Type, string Country);
}
