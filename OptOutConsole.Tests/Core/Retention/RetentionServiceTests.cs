using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Retention;
using OptOutConsole.Core.Review;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Retention;

/// <summary>
/// Retention (issue 13) with the clock moved: what is older than its period goes, in batches; the block list (and its
/// proof of each opt-out), the daily counters and open review items stay; a period of 0 keeps; the run is audited.
/// </summary>
public abstract class RetentionServiceTests(ConsoleAppFactory app)
{
    private static readonly DateTimeOffset Now = new(2030, 6, 3, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OldRowsGo_InBatches_BlockListCountersAndOpenReviewItemsStay()
    {
        var sid = NewSid();
        await SeedAsync(sid);
        var retention = Service(RetentionOptions.Defaults, batchSize: 3);

        var run = await retention.RunAsync(Ct);

        await using var db = await Db();
        // 7 events older than 1,461 days went (more than two batches of 3), the 2 younger stayed.
        Assert.True(run.Events >= 7, $"events removed: {run.Events}");
        Assert.Equal(["recent", "recent"], await db.Events.Where(e => e.ServiceSid == sid).Select(e => e.Keyword).ToListAsync(Ct));
        // Delivered forwards older than 7 days went; an old one still pending and a recent delivered one stayed.
        Assert.Equal(["pending-old", "delivered-recent"], await db.Outbox.Where(m => m.ServiceSid == sid).OrderBy(m => m.Id).Select(m => m.Url).ToListAsync(Ct));
        // A decided review item older than the period went; an open one as old stays (the deadline decides it).
        Assert.Equal([ReviewStatuses.Open, ReviewStatuses.Decided], await db.ReviewItems.Where(r => r.ServiceSid == sid).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync(Ct));
        // Never removed by retention: the block list with its proof, and the counters the dashboard's figures come from.
        var blocked = await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct);
        Assert.Equal(("STOP", "SMproof" + sid), (blocked.Keyword, blocked.MessageSid));
        Assert.Equal(Now.AddDays(-2000), blocked.OptedOutAt);
        Assert.Equal(9, await db.DailyCounters.Where(c => c.ServiceSid == sid).SumAsync(c => c.Count, Ct));
        // The audit is kept by default (AuditDays 0), and the run is in it without any number.
        Assert.True(await db.Audit.AnyAsync(a => a.Target == "old audit " + sid, Ct));
        var entry = await db.Audit.Where(a => a.Area == AuditAreas.Retention).OrderByDescending(a => a.Id).FirstAsync(Ct);
        Assert.Contains($"removed {run.Events:N0} tracking events", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("+1415", entry.Details, StringComparison.Ordinal);
        Assert.Equal(run, retention.LastRun);
    }

    [Fact]
    public async Task RunAsync_CalledWhileARunIsUnderWay_GetsThatRunInsteadOfASecond()
    {
        var sid = NewSid();
        await SeedAsync(sid);
        var retention = new RetentionService(app.Service<IDbContextFactory<AppDbContext>>(), RetentionOptions.Defaults, new MovableClock(Now), NullLogger<RetentionService>.Instance)
        {
            BatchSize = 1,
            BatchPause = TimeSpan.FromMilliseconds(50),
        };

        var first = retention.RunAsync(Ct);
        var second = retention.RunAsync(Ct);
        var runs = await Task.WhenAll(first, second);

        Assert.Same(runs[0], runs[1]);
        Assert.True(runs[0].Events >= 7, $"events removed: {runs[0].Events}");
        Assert.Equal(0, (await retention.RunAsync(Ct)).Events);
    }

    [Fact]
    public async Task ZeroKeeps_AndAuditDaysRemovesOldAuditEntries()
    {
        var sid = NewSid();
        await SeedAsync(sid);

        var run = await Service(new RetentionOptions(0, 0, 0, 30), batchSize: 100).RunAsync(Ct);

        await using var db = await Db();
        Assert.Equal((0, 0, 0), (run.Events, run.DeliveredOutbox, run.ReviewItems));
        Assert.Equal(9, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        Assert.Equal(3, await db.Outbox.CountAsync(m => m.ServiceSid == sid, Ct));
        Assert.False(await db.Audit.AnyAsync(a => a.Target == "old audit " + sid, Ct));
        Assert.True(await db.Audit.AnyAsync(a => a.Target == "recent audit " + sid, Ct));
    }

    [Fact]
    public async Task NothingOld_RemovesNothing_AndWritesNoAudit()
    {
        // Whatever other tests of this class seeded is younger than its period on a clock moved back 10 years.
        var auditBefore = await app.ScalarAsync("""SELECT COUNT(*) FROM "Audit" WHERE "Area" = @p0""", AuditAreas.Retention);
        var run = await new RetentionService(app.Service<IDbContextFactory<AppDbContext>>(), RetentionOptions.Defaults, new MovableClock(Now.AddYears(-10)), NullLogger<RetentionService>.Instance).RunAsync(Ct);

        Assert.Equal(0, run.Total);
        Assert.Equal(auditBefore, await app.ScalarAsync("""SELECT COUNT(*) FROM "Audit" WHERE "Area" = @p0""", AuditAreas.Retention));
    }

    [Fact]
    public async Task Api_RunNow_RemovesOldEventsAndSaysHowMany_GetShowsThePeriods()
    {
        var sid = NewSid();
        await using (var db = await Db())
        {
            db.Events.Add(Event(sid, DateTimeOffset.UtcNow.AddDays(-1462), "old"));
            db.Events.Add(Event(sid, DateTimeOffset.UtcNow.AddDays(-1), "recent"));
            await db.SaveChangesAsync(Ct);
        }

        var client = app.CreateApiClient();
        var run = System.Text.Json.Nodes.JsonNode.Parse(await (await client.PostAsync("/api/retention/run", null, Ct)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Ct))!;
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/retention", Ct))!;
        var anonymous = await app.CreateApiClient(key: null).PostAsync("/api/retention/run", null, Ct);

        Assert.True(run["events"]!.GetValue<long>() >= 1);
        Assert.Equal(1, await app.ScalarAsync("""SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @p0""", sid));
        Assert.Equal((1461, 7, 1461, 0), (settings["eventsDays"]!.GetValue<int>(), settings["deliveredOutboxDays"]!.GetValue<int>(), settings["reviewItemsDays"]!.GetValue<int>(), settings["auditDays"]!.GetValue<int>()));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("EventsDays", "-1")]
    [InlineData("DeliveredOutboxDays", "a week")]
    [InlineData("AuditDays", "1.5")]
    [InlineData("ReviewItemsDays", "100001")]
    [InlineData("RunEveryMinutes", "hourly")]
    public void Read_NotADayCount_StopsStartUpNamingTheKey(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new($"Retention:{key}", value)]).Build();

        var ex = Assert.Throws<DatabaseStartupException>(() => RetentionOptions.Read(configuration));

        Assert.StartsWith($"Retention:{key} is '{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Absent_GivesTheDefaults()
    {
        var options = RetentionOptions.Read(new ConfigurationBuilder().Build());

        Assert.Equal(new RetentionOptions(1461, 7, 1461, 0), options);
    }

    private RetentionService Service(RetentionOptions options, int batchSize) =>
        new(app.Service<IDbContextFactory<AppDbContext>>(), options, new MovableClock(Now), NullLogger<RetentionService>.Instance)
        {
            BatchSize = batchSize,
            BatchPause = TimeSpan.Zero,
        };

    private Task<AppDbContext> Db() => app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    private static string NewSid() => "MG" + Guid.NewGuid().ToString("N");

    private async Task SeedAsync(string sid)
    {
        await using var db = await Db();
        for (var i = 0; i < 7; i++)
        {
            db.Events.Add(Event(sid, Now.AddDays(-1462 - i), "old"));
        }

        db.Events.Add(Event(sid, Now.AddDays(-1460), "recent"));
        db.Events.Add(Event(sid, Now.AddDays(-1), "recent"));
        db.DailyCounters.Add(new DailyCounter { ServiceSid = sid, Day = 1, Type = "STOP", Keyword = "STOP", Count = 9 });
        db.BlockList.Add(new BlockListEntry { ServiceSid = sid, Number = "+14155550177", OptedOutAt = Now.AddDays(-2000), Keyword = "STOP", Source = BlockListSources.Keyword, MessageSid = "SMproof" + sid });
        db.Outbox.Add(Forward(sid, "pending-old", OutboxStates.Pending, null));
        db.Outbox.Add(Forward(sid, "delivered-old", OutboxStates.Delivered, Now.AddDays(-8)));
        db.Outbox.Add(Forward(sid, "delivered-recent", OutboxStates.Delivered, Now.AddDays(-6)));
        db.ReviewItems.Add(Review(sid, ReviewStatuses.Open, null));
        db.ReviewItems.Add(Review(sid, ReviewStatuses.Decided, Now.AddDays(-1462)));
        db.ReviewItems.Add(Review(sid, ReviewStatuses.Decided, Now.AddDays(-10)));
        db.Audit.Add(new AuditEntry { At = Now.AddDays(-400), Actor = "someone", Area = AuditAreas.Service, Action = "saved", Target = "old audit " + sid });
        db.Audit.Add(new AuditEntry { At = Now.AddDays(-1), Actor = "someone", Area = AuditAreas.Service, Action = "saved", Target = "recent audit " + sid });
        await db.SaveChangesAsync(Ct);
    }

    private static TrackingEvent Event(string sid, DateTimeOffset time, string keyword) => new()
    {
        ServiceSid = sid, Time = time, From = "+14155550177", Country = "US", Type = "STOP", Keyword = keyword, AnsweredBy = "global",
    };

    private static OutboxMessage Forward(string sid, string url, string state, DateTimeOffset? deliveredAt) => new()
    {
        ServiceSid = sid, Url = url, ParametersJson = "{}", State = state, CreatedAt = Now.AddDays(-30), NextAttemptAt = Now.AddDays(-30), DeliveredAt = deliveredAt,
    };

    private static ReviewItem Review(string sid, string status, DateTimeOffset? decidedAt) => new()
    {
        ServiceSid = sid, From = "+14155550177", Body = "please stop", Phrase = "please stop", Language = "en", Status = status,
        ReceivedAt = Now.AddDays(-1500), DueAt = Now.AddDays(-1486), Score = 0.9, PhraseLength = 11,
        Decision = decidedAt is null ? null : ReviewDecisions.Dismiss, Reason = decidedAt is null ? null : "not one", DecidedBy = decidedAt is null ? null : "someone", DecidedAt = decidedAt,
    };

    /// <summary>A clock that stands at a given time.</summary>
    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : RetentionServiceTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : RetentionServiceTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
