using System.Data.Common;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// Answers sums of <see cref="DailyCounter"/> rows over any range of days in about a millisecond, at any history size.
/// A year of counters is ~0.5-1 million rows (service x type x country x keyword x set per day) and SQLite needs
/// ~150 ms to sum that many; so closed days (the writer only stamps events with the current time, so a day is final
/// once it is over) are held in memory as power-of-two blocks of days (1, 2, 4, ... 1024), each merged to its distinct
/// rows. A range is at most ~2 log2(days) blocks, each no bigger than the distinct combinations. The open days (today,
/// and yesterday for a few minutes after midnight) are read from the database again whenever someone may have
/// committed since (<see cref="AppDatabase.ChangeVersionAsync"/>: another connection to the SQLite file, or any console
/// instance on PostgreSQL). A backfill that writes closed days behind the app's back needs <see cref="Reset"/>
/// or a restart (docs/decisions/dashboard-net-change.md).
/// </summary>
public sealed class CounterRollup(AppDatabase database, TimeProvider clock) : IDisposable
{
    public const int Levels = 11;

    /// <summary>How long after midnight a day still counts as open (a batch stamped 23:59:59 may commit a moment later).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    private const int NotLoaded = int.MinValue / 2;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Interner services = new();
    private readonly Interner countries = new();
    private readonly Interner keywords = new();
    private readonly Interner sets = new();
    private readonly Dictionary<int, Row[]>[] blocks = Enumerable.Range(0, Levels).Select(_ => new Dictionary<int, Row[]>()).ToArray();
    private readonly Dictionary<int, Row[]> dailyByType = [];
    private List<(int Day, Row Row)> open = [];
    private int loadedThrough = NotLoaded;
    private long openVersion = -1;
    private DbConnection? connection;

    /// <summary>Forgets everything; the next query loads the counters again.</summary>
    public void Reset()
    {
        gate.Wait();
        try
        {
            foreach (var level in blocks)
            {
                level.Clear();
            }

            dailyByType.Clear();
            open = [];
            loadedThrough = NotLoaded;
            openVersion = -1;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Sums the counters of days <paramref name="firstDay"/>..<paramref name="lastDay"/> (days since 1970-01-01 UTC) that match the filter.</summary>
    public async Task<CounterAggregate> AggregateAsync(string? serviceSid, string? type, string? country, int firstDay, int lastDay, bool perDay, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            try
            {
                await RefreshAsync(ct);
            }
            catch (DbException)
            {
                // A connection the server dropped (a restart): the next query opens a new one.
                await DropConnectionAsync();
                throw;
            }

            var filter = new Filter(
                serviceSid is null ? -1 : services.Find(serviceSid),
                type is null ? -1 : EventTypes.IndexOf(type) is var t and >= 0 ? t : int.MaxValue,
                country is null ? -1 : countries.Find(country));
            var sums = new Sums(countries.Count, sets.Count, keywords.Count);

            // Closed days: the fewest aligned blocks that cover the range.
            var closedEnd = Math.Min(lastDay, loadedThrough);
            for (var d = firstDay; d <= closedEnd;)
            {
                var level = 0;
                while (level + 1 < Levels && (d & ((1 << (level + 1)) - 1)) == 0 && d + (1 << (level + 1)) - 1 <= closedEnd)
                {
                    level++;
                }

                if (blocks[level].TryGetValue(d >> level, out var rows))
                {
                    sums.Add(rows, filter);
                }

                d += 1 << level;
            }

            foreach (var (day, row) in open)
            {
                if (day >= firstDay && day <= lastDay)
                {
                    sums.Add(row, filter);
                }
            }

            var result = new CounterAggregate(firstDay, perDay ? lastDay - firstDay + 1 : 0);
            if (perDay)
            {
                for (var d = firstDay; d <= closedEnd; d++)
                {
                    if (dailyByType.TryGetValue(d, out var rows))
                    {
                        foreach (var r in rows)
                        {
                            if (filter.Matches(r))
                            {
                                result.Daily[d - firstDay, r.Type] += r.Count;
                            }
                        }
                    }
                }

                foreach (var (day, r) in open)
                {
                    if (day >= firstDay && day <= lastDay && filter.Matches(r))
                    {
                        result.Daily[day - firstDay, r.Type] += r.Count;
                    }
                }
            }

            sums.CopyTo(result, countries, sets, keywords);
            return result;
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

    private async Task RefreshAsync(CancellationToken ct)
    {
        connection ??= await database.OpenAsync(ct);

        var closedThrough = (int)((clock.GetUtcNow() - Grace).ToUnixTimeMilliseconds() / 86_400_000L) - 1;
        if (closedThrough > loadedThrough)
        {
            await LoadClosedAsync(loadedThrough == NotLoaded ? int.MinValue : loadedThrough + 1, closedThrough, ct);
            loadedThrough = closedThrough;
            openVersion = -1;
        }

        var version = await database.ChangeVersionAsync(connection, ct);
        if (version != openVersion)
        {
            open = [];
            await ReadAsync(loadedThrough + 1, int.MaxValue, (day, row) => open.Add((day, row)), ct);
            openVersion = version;
        }
    }

    private async Task LoadClosedAsync(int fromDay, int toDay, CancellationToken ct)
    {
        var byDay = new Dictionary<int, List<Row>>();
        await ReadAsync(fromDay, toDay, (day, row) =>
        {
            if (!byDay.TryGetValue(day, out var list))
            {
                byDay[day] = list = [];
            }

            list.Add(row);
        }, ct);

        var touched = new HashSet<int>();
        foreach (var (day, rows) in byDay)
        {
            blocks[0][day] = [.. rows];
            dailyByType[day] = Merge(rows, r => r with { Keyword = 0, Set = 0 });
            touched.Add(day);
        }

        for (var level = 1; level < Levels; level++)
        {
            touched = touched.Select(b => b >> 1).ToHashSet();
            foreach (var b in touched)
            {
                var left = blocks[level - 1].GetValueOrDefault(b * 2);
                var right = blocks[level - 1].GetValueOrDefault((b * 2) + 1);
                blocks[level][b] = left is null ? right! : right is null ? left : Merge(left.Concat(right), r => r);
            }
        }
    }

    private async Task ReadAsync(int fromDay, int toDay, Action<int, Row> add, CancellationToken ct)
    {
        await using var command = connection!.CreateCommand();
        command.CommandText = """SELECT "Day", "ServiceSid", "Type", "Country", "Keyword", "AnsweredBy", "Count" FROM "DailyCounters" WHERE "Day" >= @from AND "Day" <= @to""";
        AppDatabase.AddParameter(command, "@from", fromDay);
        AppDatabase.AddParameter(command, "@to", toDay);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = EventTypes.IndexOf(reader.GetString(2));
            if (type < 0)
            {
                continue;
            }

            add(reader.GetInt32(0), new Row(
                services.Id(reader.GetString(1)),
                type,
                countries.Id(reader.GetString(3)),
                keywords.Id(reader.GetString(4)),
                sets.Id(reader.GetString(5)),
                reader.GetInt64(6)));
        }
    }

    private async Task DropConnectionAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }

        openVersion = -1;
    }

    private static Row[] Merge(IEnumerable<Row> rows, Func<Row, Row> project)
    {
        var merged = new Dictionary<(int, int, int, int, int), long>();
        foreach (var row in rows)
        {
            var r = project(row);
            var key = (r.Service, r.Type, r.Country, r.Keyword, r.Set);
            merged[key] = merged.GetValueOrDefault(key) + r.Count;
        }

        return merged.Select(m => new Row(m.Key.Item1, m.Key.Item2, m.Key.Item3, m.Key.Item4, m.Key.Item5, m.Value)).ToArray();
    }

    private readonly record struct Row(int Service, int Type, int Country, int Keyword, int Set, long Count);

    /// <summary>-1: any; an id: that one; <see cref="int.MaxValue"/> (a value never interned): nothing.</summary>
    private readonly record struct Filter(int Service, int Type, int Country)
    {
        public bool Matches(in Row r) =>
            (Service < 0 || r.Service == Service) && (Type < 0 || r.Type == Type) && (Country < 0 || r.Country == Country);
    }

    private sealed class Sums(int countries, int sets, int keywords)
    {
        private readonly long[] byType = new long[3];
        private readonly long[] byCountry = new long[countries];
        private readonly long[] bySet = new long[sets];
        private readonly long[] byKeyword = new long[3 * keywords];

        public void Add(Row[] rows, Filter filter)
        {
            foreach (var r in rows)
            {
                Add(r, filter);
            }
        }

        public void Add(in Row r, Filter filter)
        {
            if (!filter.Matches(r))
            {
                return;
            }

            byType[r.Type] += r.Count;
            byCountry[r.Country] += r.Count;
            bySet[r.Set] += r.Count;
            byKeyword[(r.Type * keywords) + r.Keyword] += r.Count;
        }

        public void CopyTo(CounterAggregate result, Interner countryNames, Interner setNames, Interner keywordNames)
        {
            result.Totals = new TypeTotals(byType[0], byType[1], byType[2]);
            for (var i = 0; i < byCountry.Length; i++)
            {
                if (byCountry[i] > 0)
                {
                    result.ByCountry[countryNames[i]] = byCountry[i];
                }
            }

            for (var i = 0; i < bySet.Length; i++)
            {
                if (bySet[i] > 0)
                {
                    result.ByAnsweredBy[setNames[i]] = bySet[i];
                }
            }

            for (var i = 0; i < byKeyword.Length; i++)
            {
                if (byKeyword[i] > 0)
                {
                    result.ByKeyword[(EventTypes.All[i / keywords], keywordNames[i % keywords])] = byKeyword[i];
                }
            }
        }
    }

    /// <summary>Strings to small ids, so rows are plain numbers.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        private readonly List<string> names = [];

        public int Count => names.Count;

        public string this[int id] => names[id];

        public int Id(string name)
        {
            if (!ids.TryGetValue(name, out var id))
            {
                id = names.Count;
                ids[name] = id;
                names.Add(name);
            }

            return id;
        }

        public int Find(string name) => ids.TryGetValue(name, out var id) ? id : int.MaxValue;
    }
}
