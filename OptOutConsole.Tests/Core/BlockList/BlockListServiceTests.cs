using System.Text;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Tests.Infrastructure;
using static OptOutConsole.Tests.Core.BlockList.BlockListTestData;

namespace OptOutConsole.Tests.Core.BlockList;

/// <summary>Manual add and remove, search with paging, and export, on SQLite and on PostgreSQL.</summary>
public abstract class BlockListServiceTests(ConsoleAppFactory app)
{
    private readonly BlockListService blockList = app.Service<BlockListService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_NationalNumberWithReason_AddedAsManualAndAudited()
    {
        var sid = await NewServiceAsync(app);

        var change = await blockList.AddAsync(sid, "(415) 555-0123", "US", "Asked by phone", "alice@test.local", Ct);

        Assert.Equal(BlockListChangeStatus.Added, change.Status);
        Assert.Equal("+14155550123", change.Number);
        var entry = await blockList.GetAsync(sid, "+14155550123", Ct);
        Assert.Equal(BlockListSources.Manual, entry!.Source);
        await using var db = await DbAsync(app);
        var audit = await db.Audit.SingleAsync(a => a.Area == AuditAreas.BlockList && a.Details!.Contains(sid), Ct);
        Assert.Equal(("added", "+14155550123", "alice@test.local"), (audit.Action, audit.Target, audit.Actor));
        Assert.Contains("Asked by phone", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Twice_AlreadyPresentAndAuditedOnce()
    {
        var sid = await NewServiceAsync(app);
        await blockList.AddAsync(sid, "+14155550123", null, "first", "test", Ct);

        var change = await blockList.AddAsync(sid, "+1 415 555 0123", null, "second", "test", Ct);

        Assert.Equal(BlockListChangeStatus.AlreadyPresent, change.Status);
        await using var db = await DbAsync(app);
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Details!.Contains(sid), Ct));
    }

    [Theory]
    [InlineData("+14155550123", "  ", BlockListChangeStatus.ReasonRequired)]
    [InlineData("+14155550123", null, BlockListChangeStatus.ReasonRequired)]
    [InlineData("4155550123", "reason", BlockListChangeStatus.InvalidNumber)]
    [InlineData("+1415555012", "reason", BlockListChangeStatus.InvalidNumber)]
    [InlineData("", "reason", BlockListChangeStatus.InvalidNumber)]
    public async Task Add_Refused_NothingStoredOrAudited(string number, string? reason, BlockListChangeStatus expected)
    {
        var sid = await NewServiceAsync(app);

        var change = await blockList.AddAsync(sid, number, null, reason, "test", Ct);

        Assert.Equal(expected, change.Status);
        Assert.False(change.Changed);
        await using var db = await DbAsync(app);
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.Audit.CountAsync(a => a.Details!.Contains(sid), Ct));
    }

    [Fact]
    public async Task Add_UnknownService_ServiceNotFound()
    {
        var change = await blockList.AddAsync("MG" + new string('0', 32), "+14155550123", null, "reason", "test", Ct);

        Assert.Equal(BlockListChangeStatus.ServiceNotFound, change.Status);
    }

    [Fact]
    public async Task Remove_WithReason_RemovedAndAudited()
    {
        var sid = await NewServiceAsync(app);
        await blockList.AddAsync(sid, "+447400123456", null, "added", "test", Ct);

        var change = await blockList.RemoveAsync(sid, "07400 123456", "GB", "Opted back in on paper", "bob@test.local", Ct);

        Assert.Equal(BlockListChangeStatus.Removed, change.Status);
        Assert.Null(await blockList.GetAsync(sid, "+447400123456", Ct));
        await using var db = await DbAsync(app);
        var audit = await db.Audit.SingleAsync(a => a.Action == "removed" && a.Details!.Contains(sid), Ct);
        Assert.Equal("+447400123456", audit.Target);
        Assert.Contains("Opted back in on paper", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_NotOnList_NotPresentAndNotAudited()
    {
        var sid = await NewServiceAsync(app);

        var change = await blockList.RemoveAsync(sid, "+14155550123", null, "reason", "test", Ct);

        Assert.Equal(BlockListChangeStatus.NotPresent, change.Status);
        await using var db = await DbAsync(app);
        Assert.Equal(0, await db.Audit.CountAsync(a => a.Details!.Contains(sid), Ct));
    }

    [Fact]
    public async Task Query_SearchAndPaging_FindsByAnyFormatOrDigitsWithTotals()
    {
        var sid = await NewServiceAsync(app);
        await app.Service<BlockListImporter>().ImportAsync(sid, Csv("+14155550123\n+14155550124\n+14165550123\n+447400123456\n+525512345678\n"), null, "test", null, null, Ct);

        var (exact, exactTotal) = await blockList.QueryAsync(sid, BlockListSearch.Parse("(415) 555-0124", "US"), 0, 10, Ct);
        var (digits, digitsTotal) = await blockList.QueryAsync(sid, BlockListSearch.Parse("5550", "US"), 0, 2, Ct);
        var (secondPage, _) = await blockList.QueryAsync(sid, BlockListSearch.Parse("5550", "US"), 2, 2, Ct);
        var (_, allTotal) = await blockList.QueryAsync(sid, BlockListSearch.Everything, 0, 1, Ct);

        Assert.Equal("+14155550124", Assert.Single(exact).Number);
        Assert.Equal(1, exactTotal);
        Assert.Equal(3, digitsTotal);
        Assert.Equal(2, digits.Count);
        Assert.Single(secondPage);
        Assert.Empty(digits.Select(d => d.Number).Intersect(secondPage.Select(s => s.Number)));
        Assert.Equal(5, allTotal);
    }

    [Fact]
    public async Task Export_TwoEntries_HeaderAndRowsOrderedByNumber()
    {
        var sid = await NewServiceAsync(app);
        await app.Service<BlockListImporter>().ImportAsync(sid, Csv("number,date,source\n+447400123456,2024-03-05T10:00:00Z,provider\n+14155550123,,\n"), null, "test", null, null, Ct);
        using var output = new MemoryStream();

        await blockList.ExportAsync(sid, output, Ct);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("number,date,source,keyword,message_sid", lines[0]);
        Assert.StartsWith("+14155550123,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",import,,", lines[1], StringComparison.Ordinal);
        Assert.Equal("+447400123456,2024-03-05T10:00:00.000Z,provider,,", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : BlockListServiceTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : BlockListServiceTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
