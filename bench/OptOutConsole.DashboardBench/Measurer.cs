using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Persistence.Sqlite;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.DashboardBench;

/// <summary>
/// Runs every dashboard query over a generated database for ranges of 1, 7, 30, 90 and 365 days ending on its last
/// day, for all services and for the busiest one, and prints median and p95 in milliseconds (Markdown rows).
/// </summary>
internal static class Measurer
{
    private static readonly int[] Ranges = [1, 7, 30, 90, 365];

    public static async Task<int> RunAsync(Options options)
    {
        var path = Path.GetFullPath(options.Text("db", "/tmp/dash.db"));
        var repeat = (int)options.Number("repeat", 30);
        var connectionString = $"Data Source={path}";
        var dbOptions = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).Options;
        var factory = new PooledDbContextFactory<AppDbContext>(dbOptions);
        var database = new SqliteDatabase(connectionString);
        using var rollup = new CounterRollup(database, TimeProvider.System);
        using var hourly = new HourlyRollup(database, TimeProvider.System);
        var notifier = new InProcessChangeNotifier(NullLogger<InProcessChangeNotifier>.Instance);
        using var conversions = new ConversionStats(database, notifier);
        var catalog = new ServiceCatalog(factory, notifier, TimeProvider.System);
        var directory = new ServiceDirectory(factory, notifier, NullLogger<ServiceDirectory>.Instance);
        var dashboard = new DashboardService(factory, rollup, hourly, conversions, catalog, directory);
        var ct = CancellationToken.None;

        var (lastDay, events) = await FactsAsync(connectionString);
        var busiest = (await catalog.ListAsync(null, ct)).First(s => s.FriendlyName == "Sushi Rewards").Sid;
        Console.WriteLine($"database: {path}, {events:N0} events, last day {lastDay}, repeat {repeat}");

        var cold = Stopwatch.StartNew();
        var first = await dashboard.AggregateAsync(Filter(null, lastDay, 365), perDay: true, ct);
        Console.WriteLine($"first query (loads the counters into the rollup): {cold.Elapsed.TotalMilliseconds:F0} ms, {first.Totals.Total:N0} events in 365 days, managed heap {GC.GetTotalMemory(true) / 1_048_576.0:F0} MiB");

        cold.Restart();
        await conversions.LoadAsync(ct);
        Console.WriteLine($"conversions load (ConversionCounters into ConversionStats): {cold.Elapsed.TotalMilliseconds:F0} ms, managed heap {GC.GetTotalMemory(true) / 1_048_576.0:F0} MiB");

        Console.WriteLine();
        Console.WriteLine("| query | service | days | median ms | p95 ms |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (label, sid) in new[] { ("all", (string?)null), ("one", busiest) })
        {
            foreach (var days in Ranges)
            {
                var f = Filter(sid, lastDay, days);
                await Row("totals (current + previous)", label, days, repeat, async () =>
                {
                    await dashboard.AggregateAsync(f, perDay: false, ct);
                    await dashboard.AggregateAsync(f.Previous(), perDay: false, ct);
                });
                await Row("per-day chart + breakdowns", label, days, repeat, () => dashboard.AggregateAsync(f, perDay: true, ct));
                await Row("filtered: STOP in GB", label, days, repeat, () => dashboard.AggregateAsync(f with { Type = "STOP", Country = "GB" }, perDay: true, ct));
                if (f.IsHourly)
                {
                    await Row("hourly chart (events table)", label, days, repeat, () => dashboard.HourlyAsync(f, ct));
                }

                await Row("whole summary (SummaryAsync)", label, days, repeat, () => dashboard.SummaryAsync(f, ct));
                await Row("opt-in conversions (ConversionsAsync)", label, days, repeat, () => dashboard.ConversionsAsync(f, ct));
                await Row("opt-in conversions, in MX", label, days, repeat, () => dashboard.ConversionsAsync(f with { Country = "MX" }, ct));
                await Row("latest events, page 1", label, days, repeat, () => dashboard.EventsAsync(f, 0, 25, ct));
                await Row("latest events, page 1, STOP in GB", label, days, repeat, () => dashboard.EventsAsync(f with { Type = "STOP", Country = "GB" }, 0, 25, ct));
                await Row("latest events, page 400", label, days, Math.Min(repeat, 10), () => dashboard.EventsAsync(f, 399, 25, ct));
            }
        }

        Console.WriteLine();
        var export = Filter(null, lastDay, 30);
        var before = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        var peak = 0L;
        long rows;
        await using (var sink = new StreamWriter(Stream.Null))
        {
            rows = await TrackingCsv.WriteAsync(sink, Watch(dashboard.StreamAsync(export, ct)), PhoneMask.Mask, ct);
        }

        Console.WriteLine($"CSV export of 30 days (all services, masked): {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s ({rows / watch.Elapsed.TotalSeconds:N0} rows/s); managed heap before {before / 1_048_576.0:F0} MiB, peak sampled {peak / 1_048_576.0:F0} MiB");
        return 0;

        async IAsyncEnumerable<TrackingEvent> Watch(IAsyncEnumerable<TrackingEvent> source)
        {
            long n = 0;
            await foreach (var e in source)
            {
                if (++n % 50_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                }

                yield return e;
            }
        }
    }

    private static DashboardFilter Filter(string? sid, int lastDay, int days)
    {
        var to = DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(lastDay);
        return new DashboardFilter(sid, to.AddDays(1 - days), to);
    }

    private static async Task Row(string query, string service, int days, int repeat, Func<Task> run)
    {
        await run(); // warm-up
        var times = new double[repeat];
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        var median = times[times.Length / 2];
        var p95 = times[Math.Min(times.Length - 1, (int)Math.Ceiling(times.Length * 0.95) - 1)];
        Console.WriteLine($"| {query} | {service} | {days} | {median:F2} | {p95:F2} |");
    }

    private static async Task<(int LastDay, long Events)> FactsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(Day), SUM(Count) FROM DailyCounters";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt64(1));
    }
}
