using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Tracking;

/// <summary>The dashboard's queries on SQLite and on PostgreSQL: seeded past days, the rollup against plain SQL, conversions through the webhook.</summary>
public abstract class DashboardServiceTests(ConsoleAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Summary_SeededPastDays_TotalsAgainstPreviousSeriesAndBreakdowns()
    {
        var sid = await CreateServiceAsync("Seeded");
        var threeDaysAgo = Noon(Today.AddDays(-3));
        await SeedAsync(sid, threeDaysAgo, "STOP", "US", "STOP", "global", "+14155550121");
        await SeedAsync(sid, threeDaysAgo.AddMinutes(5), "STOP", "US", "STOP", "global", "+14155550122");
        await SeedAsync(sid, threeDaysAgo.AddMinutes(9), "START", "MX", "ALTA", "language es", "+525512345678");
        await SeedAsync(sid, Noon(Today.AddDays(-10)), "STOP", "CA", "QUIT", "country CA", "+14165550123");
        var dashboard = NewDashboard();

        var summary = await dashboard.SummaryAsync(new DashboardFilter(sid, Today.AddDays(-6), Today), Ct);

        Assert.Equal(new TypeTotals(2, 1, 0), summary.Totals);
        Assert.Equal(1, summary.Totals.NetBlockListChange);
        Assert.Equal(new TypeTotals(1, 0, 0), summary.PreviousTotals);
        Assert.False(summary.Hourly);
        Assert.Equal(7, summary.Series.Count);
        Assert.Equal((2L, 1L, 0L), (summary.Series[3].Stop, summary.Series[3].StartCount, summary.Series[3].Help));
        Assert.Equal(3, summary.Series.Sum(p => p.Stop + p.StartCount + p.Help));
        Assert.Equal(["United States (US):2", "Mexico (MX):1"], summary.Countries.Select(c => $"{c.Name}:{c.Count}"));
        Assert.Equal(["Global set:2", "Language: Spanish (es):1"], summary.LanguageSets.Select(c => $"{c.Name}:{c.Count}"));
        Assert.Equal(("STOP", "STOP", 2L), (summary.TopKeywords[0].Type, summary.TopKeywords[0].Keyword, summary.TopKeywords[0].Count));
    }

    [Fact]
    public async Task Summary_TypeAndCountryFilter_CountsOnlyThose()
    {
        var sid = await CreateServiceAsync("Filtered");
        var day = Noon(Today.AddDays(-2));
        await SeedAsync(sid, day, "STOP", "US", "STOP", "global", "+14155550121");
        await SeedAsync(sid, day, "STOP", "MX", "BAJA", "language es", "+525512345678");
        await SeedAsync(sid, day, "HELP", "MX", "AYUDA", "language es", "+525512345678");

        var summary = await NewDashboard().SummaryAsync(new DashboardFilter(sid, Today.AddDays(-6), Today, "STOP", "MX"), Ct);

        Assert.Equal(new TypeTotals(1, 0, 0), summary.Totals);
        Assert.Equal("BAJA", Assert.Single(summary.TopKeywords).Keyword);
    }

    [Fact]
    public async Task Summary_PastDay_HourlySeriesFromEvents()
    {
        var sid = await CreateServiceAsync("Hourly past");
        var day = Today.AddDays(-4);
        await SeedAsync(sid, Noon(day), "STOP", "US", "STOP", "global", "+14155550121");
        await SeedAsync(sid, Noon(day).AddMinutes(59), "HELP", "US", "HELP", "global", "+14155550121");
        await SeedAsync(sid, Noon(day).AddHours(3), "START", "US", "START", "global", "+14155550121");

        var summary = await NewDashboard().SummaryAsync(new DashboardFilter(sid, day, day), Ct);

        Assert.True(summary.Hourly);
        Assert.Equal(24, summary.Series.Count);
        Assert.Equal((1L, 0L, 1L), (summary.Series[12].Stop, summary.Series[12].StartCount, summary.Series[12].Help));
        Assert.Equal(1, summary.Series[15].StartCount);
        Assert.Equal(3, summary.Series.Sum(p => p.Stop + p.StartCount + p.Help));
    }

    [Fact]
    public async Task Summary_Today_HourlySeriesFollowsNewEvents()
    {
        var sid = await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), "Hourly Co", _ => { }, Ct);
        var client = app.CreateApiClient(key: null);
        async Task Send(string from, string body) =>
            (await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct)).EnsureSuccessStatusCode();
        var dashboard = NewDashboard();
        var today = new DashboardFilter(sid, Today, Today);
        await Send("+14155550121", "STOP");
        var before = await dashboard.SummaryAsync(today, Ct);

        await Send("+14155550122", "STOP");
        await Send("+14155550122", "HELP");
        var after = await dashboard.SummaryAsync(today, Ct);

        Assert.Equal(1, before.Series.Sum(p => p.Stop));
        Assert.Equal((2L, 1L), (after.Series.Sum(p => p.Stop), after.Series.Sum(p => p.Help)));
        Assert.Equal(new TypeTotals(2, 0, 1), after.Totals);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Rollup_RandomCountersAndRanges_EqualPlainSqlSums(int seed)
    {
        var random = new Random(seed);
        var sid = await CreateServiceAsync($"Rollup {seed}");
        var today = (int)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 86_400_000L);
        string[] countries = ["US", "MX", "CA", ""];
        await using (var connection = await OpenAsync())
        {
            await using var tx = await connection.BeginTransactionAsync(Ct);
            for (var i = 0; i < 3000; i++)
            {
                await TestSql.ExecuteAsync(
                    connection,
                    tx,
                    """
                    INSERT INTO "DailyCounters" ("ServiceSid", "Day", "Type", "Country", "Keyword", "AnsweredBy", "Count") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
                    ON CONFLICT ("ServiceSid", "Day", "Type", "Country", "Keyword", "AnsweredBy") DO UPDATE SET "Count" = "DailyCounters"."Count" + excluded."Count"
                    """,
                    sid,
                    today - random.Next(0, 700),
                    EventTypes.All[random.Next(3)],
                    countries[random.Next(countries.Length)],
                    $"K{random.Next(5)}",
                    random.Next(2) == 0 ? "global" : "language es",
                    random.Next(1, 50));
            }

            await tx.CommitAsync(Ct);
        }

        var dashboard = NewDashboard();
        for (var i = 0; i < 60; i++)
        {
            var first = today - random.Next(0, 720);
            var last = Math.Min(today, first + random.Next(0, 400));
            var type = random.Next(3) == 0 ? EventTypes.All[random.Next(3)] : null;
            var country = random.Next(3) == 0 ? countries[random.Next(countries.Length)] : null;
            var filter = new DashboardFilter(sid, DateOnly.FromDayNumber(Epoch + first), DateOnly.FromDayNumber(Epoch + last), type, country);

            var aggregate = await dashboard.AggregateAsync(filter, perDay: true, Ct);

            var expected = await SqlSumsAsync(sid, first, last, type, country);
            Assert.Equal(expected.Totals, aggregate.Totals);
            Assert.Equal(expected.ByCountry.OrderBy(k => k.Key), aggregate.ByCountry.OrderBy(k => k.Key));
            Assert.Equal(expected.Totals.Total, Enumerable.Range(0, filter.Days).Sum(d => aggregate.Daily[d, 0] + aggregate.Daily[d, 1] + aggregate.Daily[d, 2]));
        }
    }

    [Fact]
    public async Task Conversions_CampaignKeyword_CountsOptInsAndThoseAStopLaterEnded()
    {
        var sid = await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), "Campaign Co", d => d["global"]!["optIn"]!["keywords"]!.AsArray().Add("SUSHI"), Ct);
        var client = app.CreateApiClient(key: null);
        async Task Send(string from, string body) =>
            (await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct)).EnsureSuccessStatusCode();
        await Send("+14155550121", "SUSHI");
        await Send("+14155550122", "sushi");
        await Send("+14165550123", "Sushi");
        await Send("+14155550121", "STOP");   // ended the campaign opt-in: counted
        await Send("+14155550122", "STOP");   // ended it too: counted, although a default START brings the number
        await Send("+14155550122", "START");  // back (cohort definition: a STOP after the opt-in ends it)
        await Send("+525512345678", "START"); // a default keyword, not a campaign

        var rows = await app.Service<DashboardService>().ConversionsAsync(new DashboardFilter(sid, Today, Today), Ct);

        var row = Assert.Single(rows);
        Assert.Equal(("SUSHI", 3L, 2L), (row.Keyword, row.Subscribers, row.OptedOutLater));
    }

    [Fact]
    public async Task Events_Page_NewestFirstWithTotalFromCounters()
    {
        var sid = await CreateServiceAsync("Paged");
        for (var i = 0; i < 7; i++)
        {
            await SeedAsync(sid, Noon(Today.AddDays(-1)).AddMinutes(i), "STOP", "US", "STOP", "global", $"+1415555012{i}");
        }

        var page = await NewDashboard().EventsAsync(new DashboardFilter(sid, Today.AddDays(-6), Today), 1, 3, Ct);

        Assert.Equal(7, page.Total);
        Assert.Equal(["+14155550123", "+14155550122", "+14155550121"], page.Items.Select(e => e.From));
    }

    private static readonly int Epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    /// <summary>A dashboard over the app's database with a rollup of its own, so directly seeded past days are read.</summary>
    private DashboardService NewDashboard() => new(
        app.Service<IDbContextFactory<AppDbContext>>(),
        new CounterRollup(app.Service<AppDatabase>(), TimeProvider.System),
        new HourlyRollup(app.Service<AppDatabase>(), TimeProvider.System),
        app.Service<ConversionStats>(),
        app.Service<ServiceCatalog>(),
        app.Service<ServiceDirectory>());

    private async Task<string> CreateServiceAsync(string name)
    {
        var (outcome, sid) = await app.Service<ServiceCatalog>().CreateAsync($"{name} {Guid.NewGuid():N}"[..20], "test", Ct);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }

    private Task<DbConnection> OpenAsync() => app.Service<AppDatabase>().OpenAsync(Ct);

    /// <summary>An event and its counter, written as the webhook's writer writes them (one transaction).</summary>
    private async Task SeedAsync(string sid, DateTimeOffset time, string type, string country, string keyword, string answeredBy, string from)
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync(Ct);
        await TestSql.ExecuteAsync(
            connection,
            tx,
            """
            INSERT INTO "Events" ("Time", "ServiceSid", "From", "Country", "Type", "Keyword", "Language", "AnsweredBy", "MessageSid") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, NULL, @p6, NULL)
            """,
            time.ToUnixTimeMilliseconds(),
            sid,
            from,
            country,
            type,
            keyword,
            answeredBy);
        await TestSql.ExecuteAsync(
            connection,
            tx,
            """
            INSERT INTO "DailyCounters" ("ServiceSid", "Day", "Type", "Country", "Keyword", "AnsweredBy", "Count") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, 1)
            ON CONFLICT ("ServiceSid", "Day", "Type", "Country", "Keyword", "AnsweredBy") DO UPDATE SET "Count" = "DailyCounters"."Count" + 1
            """,
            sid,
            (int)(time.ToUnixTimeMilliseconds() / 86_400_000L),
            type,
            country,
            keyword,
            answeredBy);
        await tx.CommitAsync(Ct);
    }

    private async Task<(TypeTotals Totals, Dictionary<string, long> ByCountry)> SqlSumsAsync(string sid, int first, int last, string? type, string? country)
    {
        await using var connection = await OpenAsync();
        var sql = """SELECT "Type", "Country", SUM("Count") FROM "DailyCounters" WHERE "ServiceSid" = @p0 AND "Day" BETWEEN @p1 AND @p2""";
        List<object?> parameters = [sid, first, last];
        foreach (var (column, value) in new[] { ("Type", type), ("Country", country) })
        {
            if (value is not null)
            {
                sql += $""" AND "{column}" = @p{parameters.Count}""";
                parameters.Add(value);
            }
        }

        await using var c = TestSql.Command(connection, null, sql + """ GROUP BY "Type", "Country" """, [.. parameters]);
        var byType = new long[3];
        var byCountry = new Dictionary<string, long>();
        await using var reader = await c.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var n = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture); // PostgreSQL sums a bigint as numeric
            byType[EventTypes.IndexOf(reader.GetString(0))] += n;
            byCountry[reader.GetString(1)] = byCountry.GetValueOrDefault(reader.GetString(1)) + n;
        }

        return (new TypeTotals(byType[0], byType[1], byType[2]), byCountry);
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : DashboardServiceTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : DashboardServiceTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
