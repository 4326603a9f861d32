using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Tracking;

/// <summary>
/// Campaign conversions: kept by the webhook's writer (OptInStates, ConversionCounters) and answered from memory by
/// <see cref="ConversionStats"/>; checked through signed webhook posts, against plain SQL, across a restart, and
/// against a replay of the events table; on SQLite and on PostgreSQL.
/// </summary>
public abstract class ConversionStatsTests(ConsoleAppFactory app)
{
    private static readonly string[] CampaignWords = ["SUSHI", "ROLLS", "ALTA"];
    private static readonly string[] Numbers = ["+14155550121", "+14155550122", "+14165550123", "+525512345678", "+447400123456"];
    private static readonly string[] Bodies = ["STOP", "start", "Sushi", "rolls", "alta", "baja", "HELP", "yes", "hello", "UNSUBSCRIBE", "sushi!"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static int TodayNumber => (int)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 86_400_000L);

    [Fact]
    public async Task Conversions_StartRepeatStopRestartSwitchStop_CountsEachOptInOnceAndItsStop()
    {
        var sid = await CampaignServiceAsync(app, "Sequence");
        var send = Sender(app, sid);

        await send("+14155550121", "SUSHI");  // K1: opt-in 1
        await send("+14155550121", "sushi");  // repeated while running: nothing
        await send("+14155550121", "STOP");   // K1 opted out later 1
        await send("+14155550121", "Sushi");  // K1 again: opt-in 2
        await send("+14155550121", "ROLLS");  // switch: K2 opt-in 1, K1 not ended
        await send("+14155550121", "STOP");   // K2 opted out later 1
        await send("+14155550121", "STOP");   // already ended: nothing
        await send("+14155550122", "START");  // a default keyword: not a campaign
        await send("+14155550122", "STOP");   // never opted in by a campaign: nothing
        var rows = await app.Service<DashboardService>().ConversionsAsync(new DashboardFilter(sid, Today, Today), Ct);

        Assert.Equal(["SUSHI:2:1", "ROLLS:1:1", "ALTA:0:0"], rows.Select(r => $"{r.Keyword}:{r.Subscribers}:{r.OptedOutLater}"));
        Assert.Equal(0.5, rows[0].OptOutRate);
    }

    [Fact]
    public async Task Conversions_CountryFilter_CountsOnlyOptInsFromThatCountry()
    {
        var sid = await CampaignServiceAsync(app, "Countries");
        var send = Sender(app, sid);
        await send("+14155550121", "SUSHI");
        await send("+525512345678", "SUSHI");
        await send("+525512345679", "SUSHI");
        await send("+525512345678", "STOP");
        var dashboard = app.Service<DashboardService>();

        var mexico = await dashboard.ConversionsAsync(new DashboardFilter(sid, Today, Today, Country: "MX"), Ct);
        var canada = await dashboard.ConversionsAsync(new DashboardFilter(sid, Today, Today, Country: "CA"), Ct);

        Assert.Equal((2L, 1L), mexico.Where(r => r.Keyword == "SUSHI").Select(r => (r.Subscribers, r.OptedOutLater)).Single());
        Assert.All(canada, r => Assert.Equal((0L, 0L), (r.Subscribers, r.OptedOutLater)));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public async Task Sum_RandomCountersRangesAndCountries_EqualsPlainSqlSums(int seed)
    {
        var random = new Random(seed);
        var sid = $"MG{seed:D32}";
        string[] countries = ["US", "MX", "CA", ""];
        await using (var connection = await OpenAsync(app))
        {
            await using var tx = await connection.BeginTransactionAsync(Ct);
            for (var i = 0; i < 2000; i++)
            {
                await TestSql.ExecuteAsync(
                    connection,
                    tx,
                    """
                    INSERT INTO "ConversionCounters" ("ServiceSid", "Day", "Keyword", "Country", "OptIns", "OptedOutLater") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
                    ON CONFLICT ("ServiceSid", "Day", "Keyword", "Country") DO UPDATE SET "OptIns" = "ConversionCounters"."OptIns" + excluded."OptIns", "OptedOutLater" = "ConversionCounters"."OptedOutLater" + excluded."OptedOutLater"
                    """,
                    sid,
                    TodayNumber - random.Next(0, 700),
                    CampaignWords[random.Next(CampaignWords.Length)],
                    countries[random.Next(countries.Length)],
                    random.Next(1, 50),
                    random.Next(0, 3));
            }

            await tx.CommitAsync(Ct);
        }

        // A stats of its own: the app's one may have loaded before these rows were written behind its back.
        using var stats = new ConversionStats(app.Service<AppDatabase>(), app.Service<IChangeNotifier>());
        await stats.LoadAsync(Ct);

        // Changes committed after the load, on days before and after every loaded one (the day window grows both ways),
        // and told to the stats as the writer tells them: on SQLite the changes themselves, on PostgreSQL that they changed.
        var late = new Dictionary<ConversionKey, ConversionCount>
        {
            [new ConversionKey(sid, TodayNumber - 1500, "SUSHI", "US")] = new(7, 2),
            [new ConversionKey(sid, TodayNumber + 3, "ROLLS", "MX")] = new(5, 0),
        };
        await using (var connection = await OpenAsync(app))
        {
            foreach (var (k, n) in late)
            {
                await TestSql.ExecuteAsync(
                    connection,
                    null,
                    """INSERT INTO "ConversionCounters" ("ServiceSid", "Day", "Keyword", "Country", "OptIns", "OptedOutLater") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)""",
                    k.ServiceSid,
                    k.Day,
                    k.Keyword,
                    k.Country,
                    n.OptIns,
                    n.OptedOutLater);
            }
        }

        if (app.Provider == DatabaseProvider.Sqlite)
        {
            stats.Apply(long.MaxValue, late);
        }
        else
        {
            await app.Service<IChangeNotifier>().PublishAsync(ChangeSignal.Events(0, conversions: true), Ct);
        }

        for (var i = 0; i < 80; i++)
        {
            var first = TodayNumber - random.Next(-5, 1600);
            var last = first + random.Next(0, 400);
            var keyword = CampaignWords[random.Next(CampaignWords.Length)];
            var country = random.Next(3) == 0 ? countries[random.Next(countries.Length)] : null;

            var sum = await stats.SumAsync(sid, keyword, country, first, last, Ct);

            Assert.Equal(await SqlSumAsync(app, sid, keyword, country, first, last), sum);
        }
    }

    [Fact]
    public async Task Conversions_ConsoleRestarted_SameFiguresFromTheDatabase()
    {
        // The fresh console only owns the database; the two consoles over it run one after the other (a restart).
        using var fresh = NewConsole();
        string sid;
        IReadOnlyList<ConversionRow> before;
        using (var first = fresh.OnSameDatabase())
        {
            sid = await CampaignServiceAsync(first, "Restart");
            var send = Sender(first, sid);
            await send("+14155550121", "SUSHI");
            await send("+14155550122", "ROLLS");
            await send("+525512345678", "ALTA");
            await send("+14155550121", "STOP");
            await send("+14155550122", "SUSHI");
            before = await first.Service<DashboardService>().ConversionsAsync(new DashboardFilter(sid, Today.AddDays(-30), Today), Ct);
        }

        using var second = fresh.OnSameDatabase();
        var after = await second.Service<DashboardService>().ConversionsAsync(new DashboardFilter(sid, Today.AddDays(-30), Today), Ct);

        Assert.Equal(["SUSHI:2:1", "ALTA:1:0", "ROLLS:1:0"], before.Select(r => $"{r.Keyword}:{r.Subscribers}:{r.OptedOutLater}"));
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RandomInboundSequence_StatsEqualReplayOfEventsInOrder(int seed)
    {
        var random = new Random(seed);
        var sid = await CampaignServiceAsync(app, $"Replay {seed}");
        var client = app.CreateApiClient(key: null);
        var sent = new List<string>();
        var stats = app.Service<ConversionStats>();

        for (var burst = 0; burst < 10; burst++)
        {
            await TwilioRequests.PostRandomBurstAsync(client, sid, random, Numbers, Bodies, sent, Ct);

            if (burst == 4)
            {
                await stats.LoadAsync(Ct); // loaded mid-sequence when the warm-up has not yet done it
            }
        }

        var expected = await ReplayEventsAsync(sid);
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var stored = (await db.ConversionCounters.AsNoTracking().Where(c => c.ServiceSid == sid).ToListAsync(Ct))
            .ToDictionary(c => new ConversionKey(c.ServiceSid, c.Day, c.Keyword, c.Country), c => new ConversionCount(c.OptIns, c.OptedOutLater));
        using var reloaded = new ConversionStats(app.Service<AppDatabase>(), app.Service<IChangeNotifier>());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(e => e.Key.ToString()), stored.OrderBy(e => e.Key.ToString()));
        foreach (var keyword in CampaignWords)
        {
            foreach (var country in new[] { null, "US", "CA", "MX", "GB" })
            {
                var want = expected.Where(e => e.Key.Keyword == keyword && (country is null || e.Key.Country == country))
                    .Aggregate(default(ConversionCount), (a, e) => a + e.Value);
                Assert.Equal(want, await stats.SumAsync(sid, keyword, country, TodayNumber - 365, TodayNumber, Ct));
                Assert.Equal(want, await reloaded.SumAsync(sid, keyword, country, TodayNumber - 365, TodayNumber, Ct));
            }
        }
    }

    /// <summary>The rules, written again from the events table in commit order (Id), independently of the writer's SQL.</summary>
    private async Task<Dictionary<ConversionKey, ConversionCount>> ReplayEventsAsync(string sid)
    {
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var events = await db.Events.AsNoTracking().Where(e => e.ServiceSid == sid).OrderBy(e => e.Id).ToListAsync(Ct);
        var states = new Dictionary<string, (string Keyword, int Day, string Country, bool OptedOut)>();
        var counters = new Dictionary<ConversionKey, ConversionCount>();
        void Add(ConversionKey key, ConversionCount change) => counters[key] = counters.GetValueOrDefault(key) + change;
        foreach (var e in events)
        {
            var day = (int)(e.Time.ToUnixTimeMilliseconds() / 86_400_000L);
            if (e.Type == "START" && CampaignWords.Contains(e.Keyword))
            {
                if (states.TryGetValue(e.From, out var s) && s.Keyword == e.Keyword && !s.OptedOut)
                {
                    continue;
                }

                states[e.From] = (e.Keyword, day, e.Country, false);
                Add(new ConversionKey(sid, day, e.Keyword, e.Country), new ConversionCount(1, 0));
            }
            else if (e.Type == "STOP" && states.TryGetValue(e.From, out var s) && !s.OptedOut)
            {
                states[e.From] = s with { OptedOut = true };
                Add(new ConversionKey(sid, s.Day, s.Keyword, s.Country), new ConversionCount(0, 1));
            }
        }

        return counters;
    }

    private static Func<string, string, Task> Sender(ConsoleAppFactory factory, string sid)
    {
        var client = factory.CreateApiClient(key: null);
        return async (from, body) =>
            (await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct)).EnsureSuccessStatusCode();
    }

    /// <summary>Campaign keywords SUSHI and ROLLS in the global set, ALTA in the Spanish one (with its own STOP, BAJA).</summary>
    private static Task<string> CampaignServiceAsync(ConsoleAppFactory factory, string name) =>
        TwilioRequests.CreateServiceAsync(factory.CreateApiClient(), name, d =>
        {
            d["global"]!["optIn"]!["keywords"]!.AsArray().Add("SUSHI");
            d["global"]!["optIn"]!["keywords"]!.AsArray().Add("ROLLS");
            d["languages"] = new JsonArray(JsonNode.Parse("""
                { "language": "es", "optOut": { "keywords": ["BAJA"], "reply": "Baja confirmada." },
                  "optIn": { "keywords": ["ALTA"], "reply": "Alta confirmada." }, "help": { "keywords": ["AYUDA"], "reply": "Ayuda." } }
                """));
            d["senders"] = new JsonArray();
        }, Ct);

    private static Task<DbConnection> OpenAsync(ConsoleAppFactory factory) => factory.Service<AppDatabase>().OpenAsync(Ct);

    private static async Task<ConversionCount> SqlSumAsync(ConsoleAppFactory factory, string sid, string keyword, string? country, int first, int last)
    {
        await using var connection = await OpenAsync(factory);
        var sql = """SELECT COALESCE(SUM("OptIns"), 0), COALESCE(SUM("OptedOutLater"), 0) FROM "ConversionCounters" WHERE "ServiceSid" = @p0 AND "Keyword" = @p1 AND "Day" BETWEEN @p2 AND @p3""";
        await using var c = country is null
            ? TestSql.Command(connection, null, sql, sid, keyword, first, last)
            : TestSql.Command(connection, null, sql + """ AND "Country" = @p4""", sid, keyword, first, last, country);
        await using var reader = await c.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);

        // PostgreSQL sums a bigint as numeric.
        return new ConversionCount(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A new console of this class's provider over an empty database of its own (dropped when it is disposed). A
    /// restart leaves it unstarted and runs consoles over its database one after the other (<see cref="ConsoleAppFactory.OnSameDatabase"/>).
    /// </summary>
    protected abstract ConsoleAppFactory NewConsole();

    public sealed class OnSqlite(ConsoleAppFactory app) : ConversionStatsTests(app), IClassFixture<ConsoleAppFactory>
    {
        protected override ConsoleAppFactory NewConsole() => new();
    }

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ConversionStatsTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>
    {
        protected override ConsoleAppFactory NewConsole() => new PostgresConsoleAppFactory();
    }
}
