using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.DashboardBench;

/// <summary>
/// Writes a database like a busy year of the webhook: the schema by the app's own migrations, five services from the
/// demo configuration, then events with their per-day counters, the final block list, and the campaign conversions
/// (OptInStates, ConversionCounters: the events replayed in time order through the writer's rules, in memory), in
/// large transactions with prepared statements. The distribution: ~30 countries skewed to US/MX/CA, the demo keywords, STOP/START/HELP
/// 60/25/15, daily and weekly seasonality. Deterministic for a seed.
/// </summary>
internal static class Generator
{
    private static readonly (string Code, string CallingCode, double Weight)[] Countries =
    [
        ("US", "1", 55), ("MX", "52", 15), ("CA", "1", 12), ("GB", "44", 2), ("ES", "34", 1.5), ("FR", "33", 1.2),
        ("DE", "49", 1.1), ("PR", "1", 1), ("CO", "57", 0.9), ("AR", "54", 0.8), ("BR", "55", 0.8), ("GT", "502", 0.6),
        ("PE", "51", 0.6), ("CL", "56", 0.5), ("DO", "1", 0.5), ("SV", "503", 0.4), ("HN", "504", 0.4), ("IT", "39", 0.4),
        ("NL", "31", 0.3), ("IE", "353", 0.3), ("AU", "61", 0.3), ("IN", "91", 0.3), ("PH", "63", 0.3), ("JP", "81", 0.2),
        ("KR", "82", 0.2), ("CN", "86", 0.2), ("BE", "32", 0.2), ("CH", "41", 0.2), ("PT", "351", 0.2), ("JM", "1", 0.2),
    ];

    private static readonly string[] Types = ["STOP", "START", "HELP"];
    private static readonly double[] TypeWeights = [60, 25, 15];
    private static readonly double[] ServiceWeights = [40, 25, 15, 12, 8];

    // Keywords by type and language (en, es, fr) with weights, from the demo service (DemoData.SushiRewards).
    private static readonly (string Keyword, double Weight)[][][] Keywords =
    [
        [
            [("STOP", 70), ("UNSUBSCRIBE", 8), ("CANCEL", 6), ("END", 4), ("QUIT", 4), ("STOPALL", 3), ("OPTOUT", 3), ("REVOKE", 2)],
            [("BAJA", 60), ("ALTO", 15), ("PARAR", 15), ("CANCELAR", 10)],
            [("ARRET", 60), ("ARRETER", 25), ("DESABONNER", 15)],
        ],
        [
            [("START", 50), ("YES", 15), ("UNSTOP", 5), ("SUSHI", 20), ("ROLLS", 10)],
            [("ALTA", 60), ("COMENZAR", 40)],
            [("ABONNER", 100)],
        ],
        [
            [("HELP", 80), ("INFO", 20)],
            [("AYUDA", 100)],
            [("AIDE", 100)],
        ],
    ];

    private static readonly string[] LanguageCodes = ["en", "es", "fr"];

    public static async Task<int> RunAsync(Options options)
    {
        var total = options.Number("events", 10_000_000);
        var days = (int)options.Number("days", 365);
        var path = Path.GetFullPath(options.Text("out", "/tmp/dash.db"));
        var random = new Random((int)options.Number("seed", 2026));
        var watch = Stopwatch.StartNew();

        foreach (var f in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(f);
        }

        var connectionString = $"Data Source={path}";
        var sids = await CreateServicesAsync(connectionString);
        Console.WriteLine($"schema and {sids.Length} services: {watch.Elapsed.TotalSeconds:F1} s");

        await using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY;");

        using var insertEvent = Prepare(connection, "INSERT INTO Events (Time, ServiceSid, \"From\", Country, Type, Keyword, Language, AnsweredBy, MessageSid) VALUES ($t, $s, $f, $c, $y, $k, $l, $a, $m)", 9);
        using var insertCounter = Prepare(connection, "INSERT INTO DailyCounters (ServiceSid, Day, Type, Country, Keyword, AnsweredBy, Count) VALUES ($s, $d, $y, $c, $k, $a, $n)", 7);

        var subscribers = Math.Max(1000, total / 5);
        var today = (int)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 86_400_000L);
        var firstDay = today - days; // the last generated day is yesterday: every day is complete
        var perDay = DayCounts(total, days, firstDay, random);
        var hourWeights = Enumerable.Range(0, 24).Select(h => 0.25 + Math.Exp(-Math.Pow(h - 19, 2) / 18.0) + Math.Exp(-Math.Pow(h - 43, 2) / 18.0)).ToArray();
        var counters = new Dictionary<(int Service, int Type, int Country, string Keyword, string AnsweredBy), long>();
        var blocked = new Dictionary<long, (long Time, string Keyword, string MessageSid)>();

        // The writer's conversion rules (InboundWriter): a campaign START opens the number's opt-in unless the same
        // campaign is running; a STOP keyword ends a running one and counts against the opt-in's day.
        var campaign = CampaignKeywords.Of(DemoData.SushiRewards()).ToHashSet(StringComparer.Ordinal);
        var optIns = new Dictionary<long, (string Keyword, int Day, int Country, bool OptedOut)>();
        var conversions = new Dictionary<(int Service, int Day, string Keyword, int Country), (long OptIns, long OptedOutLater)>();
        long written = 0;
        var transaction = connection.BeginTransaction();
        insertEvent.Transaction = transaction;
        insertCounter.Transaction = transaction;

        for (var d = 0; d < days; d++)
        {
            var day = firstDay + d;
            var times = new long[perDay[d]];
            for (var i = 0; i < times.Length; i++)
            {
                var hour = Pick(hourWeights, random);
                times[i] = (day * 86_400_000L) + (hour * 3_600_000L) + random.NextInt64(3_600_000L);
            }

            Array.Sort(times);
            counters.Clear();
            foreach (var time in times)
            {
                var service = Pick(ServiceWeights, random);
                var subscriber = random.NextInt64(subscribers);
                var (countryIndex, from) = Subscriber(subscriber);
                var language = LanguageOf(countryIndex, subscriber);
                var type = Pick(TypeWeights, random);
                var choices = Keywords[type][language];
                var keyword = choices[Pick(choices.Select(c => c.Weight).ToArray(), random)].Keyword;
                var country = Countries[countryIndex].Code;
                var answeredBy = country is "MX" or "CA" ? $"country {country}" : language == 0 ? "global" : $"language {LanguageCodes[language]}";
                var messageSid = "SM" + written.ToString("x32", CultureInfo.InvariantCulture);

                Run(insertEvent, time, sids[service], from, country, Types[type], keyword, LanguageCodes[language], answeredBy, messageSid);
                var key = (service, type, countryIndex, keyword, answeredBy);
                counters[key] = counters.GetValueOrDefault(key) + 1;

                var pair = (service * subscribers) + subscriber;
                if (type == 1 && campaign.Contains(keyword)
                    && !(optIns.TryGetValue(pair, out var running) && running.Keyword == keyword && !running.OptedOut))
                {
                    optIns[pair] = (keyword, day, countryIndex, false);
                    var c = (service, day, keyword, countryIndex);
                    conversions[c] = (conversions.GetValueOrDefault(c).OptIns + 1, conversions.GetValueOrDefault(c).OptedOutLater);
                }
                else if (type == 0 && optIns.TryGetValue(pair, out var ended) && !ended.OptedOut)
                {
                    optIns[pair] = ended with { OptedOut = true };
                    var c = (service, ended.Day, ended.Keyword, ended.Country);
                    conversions[c] = (conversions.GetValueOrDefault(c).OptIns, conversions.GetValueOrDefault(c).OptedOutLater + 1);
                }

                if (type == 0)
                {
                    blocked.TryAdd(pair, (time, keyword, messageSid));
                }
                else if (type == 1)
                {
                    blocked.Remove(pair);
                }

                written++;
            }

            foreach (var ((service, type, countryIndex, keyword, answeredBy), count) in counters)
            {
                Run(insertCounter, sids[service], day, Types[type], Countries[countryIndex].Code, keyword, answeredBy, count);
            }

            if (d % 10 == 9 || d == days - 1)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                insertEvent.Transaction = transaction;
                insertCounter.Transaction = transaction;
                Console.WriteLine($"day {d + 1}/{days}: {written:N0} events, {watch.Elapsed.TotalSeconds:F0} s");
            }
        }

        using (var insertBlock = Prepare(connection, "INSERT INTO BlockList (ServiceSid, Number, OptedOutAt, Keyword, Source, MessageSid) VALUES ($s, $n, $t, $k, 'keyword', $m)", 5))
        {
            insertBlock.Transaction = transaction;
            foreach (var (pair, (time, keyword, messageSid)) in blocked)
            {
                Run(insertBlock, sids[(int)(pair / subscribers)], Subscriber(pair % subscribers).From, time, keyword, messageSid);
            }
        }

        using (var insertState = Prepare(connection, "INSERT INTO OptInStates (ServiceSid, Number, Keyword, Day, Country, OptedOut) VALUES ($s, $n, $k, $d, $c, $o)", 6))
        using (var insertConversion = Prepare(connection, "INSERT INTO ConversionCounters (ServiceSid, Day, Keyword, Country, OptIns, OptedOutLater) VALUES ($s, $d, $k, $c, $i, $o)", 6))
        {
            insertState.Transaction = transaction;
            insertConversion.Transaction = transaction;
            foreach (var (pair, (keyword, day, countryIndex, optedOut)) in optIns)
            {
                Run(insertState, sids[(int)(pair / subscribers)], Subscriber(pair % subscribers).From, keyword, day, Countries[countryIndex].Code, optedOut ? 1 : 0);
            }

            foreach (var ((service, day, keyword, countryIndex), (ins, outs)) in conversions)
            {
                Run(insertConversion, sids[service], day, keyword, Countries[countryIndex].Code, ins, outs);
            }
        }

        transaction.Commit();
        transaction.Dispose();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Console.WriteLine($"conversions: {optIns.Count:N0} campaign opt-in states, {conversions.Count:N0} conversion counters ({string.Join(", ", campaign)})");
        Console.WriteLine($"done: {written:N0} events, {blocked.Count:N0} blocked numbers, {new FileInfo(path).Length / 1_048_576.0:N0} MiB, {watch.Elapsed.TotalSeconds:F0} s -> {path}");
        return 0;
    }

    private static async Task<string[]> CreateServicesAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).Options;
        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        var catalog = new ServiceCatalog(new PooledDbContextFactory<AppDbContext>(options), new InProcessChangeNotifier(NullLogger<InProcessChangeNotifier>.Instance), TimeProvider.System);
        string[] names = ["Sushi Rewards", "Taco Tuesday", "Poutine Club", "Bakery Alerts", "Pharmacy Reminders"];
        var sids = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var config = DemoData.SushiRewards();
            config.FriendlyName = names[i];
            config.Senders = [$"+1415555010{i}"];
            var (outcome, sid) = await catalog.CreateAsync(config, "generator", CancellationToken.None);
            sids[i] = sid ?? throw new InvalidOperationException($"The service {names[i]} was not created: {outcome.Message}");
        }

        SqliteConnection.ClearAllPools();
        return sids;
    }

    /// <summary>Events per day: weekdays busier than weekends, a slow wave over the year, some noise; sums to <paramref name="total"/>.</summary>
    private static long[] DayCounts(long total, int days, int firstDay, Random random)
    {
        var weights = new double[days];
        for (var d = 0; d < days; d++)
        {
            var weekday = (DayOfWeek)(((firstDay + d) + 4) % 7); // 1970-01-01 was a Thursday
            var week = weekday switch { DayOfWeek.Saturday => 0.75, DayOfWeek.Sunday => 0.65, _ => 1.1 };
            weights[d] = week * (1 + (0.3 * Math.Sin(d / 58.0))) * (0.85 + (0.3 * random.NextDouble()));
        }

        var sum = weights.Sum();
        var counts = weights.Select(w => (long)(total * w / sum)).ToArray();
        counts[^1] += total - counts.Sum();
        return counts;
    }

    private static (int CountryIndex, string From) Subscriber(long subscriber)
    {
        // The country is a fixed function of the subscriber, so a number keeps its country across events.
        var h = (ulong)subscriber * 0x9E3779B97F4A7C15UL;
        var u = (h >> 11) * (1.0 / (1UL << 53));
        var target = u * Countries.Sum(c => c.Weight);
        var index = 0;
        for (var acc = Countries[0].Weight; acc < target && index < Countries.Length - 1; acc += Countries[++index].Weight)
        {
        }

        var national = Countries[index].CallingCode == "1" ? 2_000_000_000L + subscriber : 300_000_000L + subscriber;
        return (index, "+" + Countries[index].CallingCode + national.ToString(CultureInfo.InvariantCulture));
    }

    private static int LanguageOf(int countryIndex, long subscriber)
    {
        var p = (int)((ulong)(subscriber * 2654435761L) % 100);
        return Countries[countryIndex].Code switch
        {
            "MX" or "CO" or "AR" or "PE" or "CL" or "GT" or "SV" or "HN" or "ES" or "DO" => p < 90 ? 1 : 0,
            "US" or "PR" => p < 15 ? 1 : 0,
            "CA" => p < 25 ? 2 : 0,
            "FR" or "BE" => p < 85 ? 2 : 0,
            _ => 0,
        };
    }

    private static int Pick(double[] weights, Random random)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in sql[sql.IndexOf("VALUES", StringComparison.Ordinal)..].Split(['(', ')', ',', ' '], StringSplitOptions.RemoveEmptyEntries).Where(p => p.StartsWith('$')))
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        if (command.Parameters.Count != parameters)
        {
            throw new InvalidOperationException($"Expected {parameters} parameters in: {sql}");
        }

        command.Prepare();
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
}
