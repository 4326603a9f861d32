using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// The campaign conversions (<see cref="ConversionCounter"/>) held in memory, so any range up to years answers in
/// microseconds: per (service, keyword, country) a Fenwick tree over days gives the sum of any range in O(log days).
/// Loaded on first use (or by <see cref="DashboardWarmup"/>). On SQLite it is then kept current by the changes the
/// webhook's one writer publishes after each commit (<see cref="Apply"/>). Each change carries its batch's last event
/// id and the load reads <c>MAX(Id)</c> of the events in the same statement as the counters, so a batch is counted
/// once whether it committed before, during or after the load. On PostgreSQL several instances write, and their ids
/// do not commit in order: a change signal (<see cref="IChangeNotifier"/>, any instance's) or a re-check marks the
/// figures stale and the next query loads them again (the counters are a few rows per campaign and day). A tool that
/// writes the tables behind the app's back (the benchmark generator, a restore) needs a restart of the console.
/// </summary>
public sealed class ConversionStats : IDisposable
{
    private readonly AppDatabase database;
    private long generation;
    private long loadedGeneration = -1;

    public ConversionStats(AppDatabase database, IChangeNotifier notifier)
    {
        this.database = database;
        if (!database.IdsCommitInOrder)
        {
            notifier.Changed += signal =>
            {
                if ((signal.Kind == ChangeKind.EventsCommitted && signal.Conversions) || signal.Kind == ChangeKind.Recheck)
                {
                    Interlocked.Increment(ref generation);
                }
            };
        }
    }

    private readonly SemaphoreSlim loadGate = new(1, 1);
    private readonly Lock gate = new();
    private readonly Dictionary<(string ServiceSid, string Keyword), Dictionary<string, DaySums>> series = [];
    private List<(long LastEventId, IReadOnlyDictionary<ConversionKey, ConversionCount> Changes)>? pending;
    private long loadedThroughEventId;
    private volatile bool loaded;

    /// <summary>Adds a committed batch's changes (the writer's <c>ConversionsCommitted</c>); ignored until loaded, as the load reads them.</summary>
    public void Apply(long lastEventId, IReadOnlyDictionary<ConversionKey, ConversionCount> changes)
    {
        lock (gate)
        {
            if (pending is not null)
            {
                pending.Add((lastEventId, changes));
            }
            else if (loaded && lastEventId > loadedThroughEventId)
            {
                AddAll(changes);
            }
        }
    }

    /// <summary>
    /// The opt-ins by <paramref name="keyword"/> at <paramref name="serviceSid"/> on days <paramref name="firstDay"/>..<paramref name="lastDay"/>
    /// (days since 1970-01-01 UTC), in <paramref name="country"/> or any, and how many of them a STOP keyword later ended.
    /// </summary>
    public async ValueTask<ConversionCount> SumAsync(string serviceSid, string keyword, string? country, int firstDay, int lastDay, CancellationToken ct)
    {
        await LoadAsync(ct);
        lock (gate)
        {
            if (!series.TryGetValue((serviceSid, keyword), out var byCountry))
            {
                return default;
            }

            if (country is not null)
            {
                return byCountry.TryGetValue(country, out var one) ? one.Sum(firstDay, lastDay) : default;
            }

            var total = default(ConversionCount);
            foreach (var sums in byCountry.Values)
            {
                total += sums.Sum(firstDay, lastDay);
            }

            return total;
        }
    }

    /// <summary>Reads the counters once; later calls return at once.</summary>
    public async ValueTask LoadAsync(CancellationToken ct)
    {
        if (IsCurrent)
        {
            return;
        }

        await loadGate.WaitAsync(ct);
        try
        {
            if (IsCurrent)
            {
                return;
            }

            var loading = Interlocked.Read(ref generation);

            // From here on, the writer's changes are kept aside: those the snapshot below already holds are dropped by id.
            // The figures held so far stay readable until the new ones replace them.
            lock (gate)
            {
                pending = [];
            }

            try
            {
                var rows = new List<(ConversionKey Key, ConversionCount Count)>();
                long through = 0;
                await using (var connection = await database.OpenAsync(ct))
                {
                    // One statement, so one snapshot: the events' last id first, then every counter.
                    await using var command = connection.CreateCommand();
                    command.CommandText =
                        """
                        SELECT NULL, 0, NULL, NULL, COALESCE(MAX("Id"), 0), 0 FROM "Events"
                        UNION ALL
                        SELECT "ServiceSid", "Day", "Keyword", "Country", "OptIns", "OptedOutLater" FROM "ConversionCounters"
                        """;
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        if (reader.IsDBNull(0))
                        {
                            through = reader.GetInt64(4);
                            continue;
                        }

                        rows.Add((new ConversionKey(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3)), new ConversionCount(reader.GetInt64(4), reader.GetInt64(5))));
                    }
                }

                lock (gate)
                {
                    series.Clear();
                    foreach (var (key, count) in rows)
                    {
                        Add(key, count);
                    }

                    foreach (var (lastEventId, changes) in pending!)
                    {
                        if (lastEventId > through)
                        {
                            AddAll(changes);
                        }
                    }

                    loadedThroughEventId = through;
                    pending = null;
                    loaded = true;
                    loadedGeneration = loading;
                }
            }
            catch
            {
                lock (gate)
                {
                    pending = null;
                }

                throw;
            }
        }
        finally
        {
            loadGate.Release();
        }
    }

    public void Dispose() => loadGate.Dispose();

    private bool IsCurrent => loaded && (database.IdsCommitInOrder || Interlocked.Read(ref loadedGeneration) == Interlocked.Read(ref generation));

    private void AddAll(IReadOnlyDictionary<ConversionKey, ConversionCount> changes)
    {
        foreach (var (key, count) in changes)
        {
            Add(key, count);
        }
    }

    private void Add(ConversionKey key, ConversionCount count)
    {
        if (!series.TryGetValue((key.ServiceSid, key.Keyword), out var byCountry))
        {
            series[(key.ServiceSid, key.Keyword)] = byCountry = new Dictionary<string, DaySums>(StringComparer.Ordinal);
        }

        if (!byCountry.TryGetValue(key.Country, out var sums))
        {
            byCountry[key.Country] = sums = new DaySums();
        }

        sums.Add(key.Day, count);
    }

    /// <summary>A Fenwick tree of opt-ins and later opt-outs over a window of days that grows (doubling) to take any day.</summary>
    private sealed class DaySums
    {
        private const int InitialDays = 16;

        private int origin;
        private long[] optIns = [];
        private long[] optedOut = [];

        private int Capacity => optIns.Length - 1;

        public void Add(int day, ConversionCount change)
        {
            if (optIns.Length == 0)
            {
                origin = day;
                optIns = new long[InitialDays + 1];
                optedOut = new long[InitialDays + 1];
            }
            else if (day < origin || day - origin >= Capacity)
            {
                Grow(day);
            }

            AddAt(day - origin, change.OptIns, change.OptedOutLater);
        }

        public ConversionCount Sum(int firstDay, int lastDay)
        {
            var first = Math.Max(firstDay - origin, 0);
            var last = Math.Min(lastDay - origin, Capacity - 1);
            if (first > last)
            {
                return default;
            }

            var (inA, outA) = Prefix(last);
            var (inB, outB) = Prefix(first - 1);
            return new ConversionCount(inA - inB, outA - outB);
        }

        private void AddAt(int index, long optInsChange, long optedOutChange)
        {
            for (var i = index + 1; i < optIns.Length; i += i & -i)
            {
                optIns[i] += optInsChange;
                optedOut[i] += optedOutChange;
            }
        }

        /// <summary>Sums of days 0..<paramref name="index"/> of the window (nothing for -1).</summary>
        private (long OptIns, long OptedOut) Prefix(int index)
        {
            long a = 0, b = 0;
            for (var i = index + 1; i > 0; i -= i & -i)
            {
                a += optIns[i];
                b += optedOut[i];
            }

            return (a, b);
        }

        private void Grow(int day)
        {
            var oldOrigin = origin;
            var values = new (long OptIns, long OptedOut)[Capacity];
            var previous = (OptIns: 0L, OptedOut: 0L);
            for (var i = 0; i < values.Length; i++)
            {
                var p = Prefix(i);
                values[i] = (p.OptIns - previous.OptIns, p.OptedOut - previous.OptedOut);
                previous = p;
            }

            var newOrigin = Math.Min(origin, day);
            var end = Math.Max(origin + Capacity, day + 1);
            var capacity = Capacity;
            while (capacity < end - newOrigin)
            {
                capacity *= 2;
            }

            origin = newOrigin;
            optIns = new long[capacity + 1];
            optedOut = new long[capacity + 1];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != default)
                {
                    AddAt(oldOrigin + i - origin, values[i].OptIns, values[i].OptedOut);
                }
            }
        }
    }
}
