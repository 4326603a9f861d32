using Microsoft.Data.Sqlite;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// Events per hour by (service, type, country) for the short-range chart, without rescanning a day of events on every
/// refresh. A closed day is read from the events once and kept (the most recent <see cref="MaxClosedDays"/>); the open
/// days are read once and then only the events added since (events are append-only, so their ids only grow), whenever
/// another connection has committed (<c>PRAGMA data_version</c>).
/// </summary>
public sealed class HourlyRollup(SqliteDatabase database, TimeProvider clock) : IDisposable
{
    public const int MaxClosedDays = 64;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<int, Dictionary<Key, long>> closed = [];
    private readonly Queue<int> closedOrder = new();
    private Dictionary<Key, long> open = [];
    private int openFrom = int.MinValue;
    private long lastId;
    private long version = -1;
    private SqliteConnection? connection;

    /// <summary>[hour - first hour of <paramref name="firstDay"/>, type index] for days <paramref name="firstDay"/>..<paramref name="lastDay"/>.</summary>
    public async Task<long[,]> HoursAsync(string? serviceSid, string? type, string? country, int firstDay, int lastDay, CancellationToken ct)
    {
        var buckets = new long[(lastDay - firstDay + 1) * 24, 3];
        var typeIndex = type is null ? -1 : EventTypes.IndexOf(type);
        await gate.WaitAsync(ct);
        try
        {
            connection ??= await OpenAsync(ct);
            var openFromNow = (int)((clock.GetUtcNow() - CounterRollup.Grace).ToUnixTimeMilliseconds() / 86_400_000L);
            await RefreshOpenAsync(openFromNow, ct);
            for (var day = firstDay; day <= lastDay; day++)
            {
                var source = day >= openFrom ? open : await ClosedDayAsync(day, ct);
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

            return buckets;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        connection?.Dispose();
        gate.Dispose();
    }

    private async Task RefreshOpenAsync(int openFromNow, CancellationToken ct)
    {
        var now = await ScalarAsync("PRAGMA data_version", ct);
        if (openFromNow != openFrom)
        {
            // First use, or a day has closed: start the open days again from the events (the closed day is read on demand).
            open = [];
            openFrom = openFromNow;
            lastId = await ScalarAsync("SELECT IFNULL(MAX(Id), 0) FROM Events", ct);
            await ReadAsync("Time >= $t AND Id <= $id", openFrom * 86_400_000L, lastId, open, ct);
            version = now;
        }
        else if (now != version)
        {
            var max = await ScalarAsync("SELECT IFNULL(MAX(Id), 0) FROM Events", ct);
            await ReadAsync("Id > $id0 AND Id <= $id AND Time >= $t", openFrom * 86_400_000L, max, open, ct, lastId);
            lastId = max;
            version = now;
        }
    }

    private async Task<Dictionary<Key, long>> ClosedDayAsync(int day, CancellationToken ct)
    {
        if (!closed.TryGetValue(day, out var tallies))
        {
            tallies = [];
            await ReadAsync("Time >= $t AND Time < $t + 86400000", day * 86_400_000L, 0, tallies, ct);
            closed[day] = tallies;
            closedOrder.Enqueue(day);
            if (closedOrder.Count > MaxClosedDays)
            {
                closed.Remove(closedOrder.Dequeue());
            }
        }

        return tallies;
    }

    private async Task ReadAsync(string where, long time, long id, Dictionary<Key, long> into, CancellationToken ct, long id0 = 0)
    {
        await using var command = connection!.CreateCommand();
        command.CommandText = $"SELECT Time / 3600000, ServiceSid, Type, Country, COUNT(*) FROM Events WHERE {where} GROUP BY 1, 2, 3, 4";
        command.Parameters.AddWithValue("$t", time);
        if (where.Contains("$id ", StringComparison.Ordinal) || where.EndsWith("$id", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$id", id);
        }

        if (where.Contains("$id0", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$id0", id0);
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

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(database.ConnectionString);
        await c.OpenAsync(ct);
        return c;
    }

    private readonly record struct Key(long Hour, string Service, int Type, string Country);
}
