using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Tests.Infrastructure;
using static OptOutConsole.Tests.Core.BlockList.BlockListTestData;

namespace OptOutConsole.Tests.Core.BlockList;

/// <summary>An import changes the block list only: tracking events and their counters stay equal (docs/decisions/block-list-import.md).</summary>
public abstract class BlockListImportTrackingTests(ConsoleAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_AfterLiveStopAndHelp_CountersEqualEventsAndOnlyTheBlockListGrew()
    {
        var sid = await NewServiceAsync(app);
        var webhook = app.CreateApiClient(key: null);
        foreach (var (from, body) in new[] { ("+14155550123", "STOP"), ("+14155550124", "HELP") })
        {
            var response = await TwilioRequests.PostSignedAsync(webhook, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct);
            response.EnsureSuccessStatusCode();
        }

        var summary = await app.Service<BlockListImporter>().ImportAsync(sid, Csv("+14155550123\n+447400123456\n+525512345678,2024-01-01,keyword\n"), null, "test", null, null, Ct);

        Assert.Equal((2L, 1L), (summary!.Added, summary.AlreadyPresent));
        await using var db = await DbAsync(app);
        var events = await db.Events.CountAsync(e => e.ServiceSid == sid, Ct);
        var counted = await db.DailyCounters.Where(c => c.ServiceSid == sid).SumAsync(c => c.Count, Ct);
        Assert.Equal(2, events);
        Assert.Equal(events, counted);
        Assert.Equal(3, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : BlockListImportTrackingTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : BlockListImportTrackingTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
