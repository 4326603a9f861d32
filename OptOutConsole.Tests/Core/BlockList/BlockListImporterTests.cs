using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Tests.Infrastructure;
using static OptOutConsole.Tests.Core.BlockList.BlockListTestData;

namespace OptOutConsole.Tests.Core.BlockList;

/// <summary>CSV import of opt-outs from another system, on SQLite and on PostgreSQL.</summary>
public abstract class BlockListImporterTests(ConsoleAppFactory app)
{
    private readonly BlockListImporter importer = app.Service<BlockListImporter>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_GoodBadAndDuplicateRows_GoodKeptBadListedWithLineAndReason()
    {
        var sid = await NewServiceAsync(app);
        var csv = """
            number,date,source
            +14155550123,2024-03-05,keyword
            not a number,,
            +1 (415) 555-0123,2024-03-06,

            ,2024-03-07,
            +447400123456,05/03/2024,
            +447400123457,,robot
            +525512345678,2024-03-05T10:15:00-06:00,provider
            +1415555012,,
            """;

        var summary = await ImportAsync(sid, csv, null);

        Assert.Equal((8L, 2L, 1L, 5L), (summary.Rows, summary.Added, summary.AlreadyPresent, summary.RejectedCount));
        Assert.Equal(summary.Rows, summary.Added + summary.AlreadyPresent + summary.RejectedCount);
        Assert.Equal([3L, 6L, 7L, 8L, 10L], summary.Rejected.Select(r => r.Line));
        Assert.Equal("not a number", summary.Rejected[0].Value);
        Assert.Contains("not a valid phone number", summary.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("empty", summary.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal("05/03/2024", summary.Rejected[2].Value);
        Assert.Contains("ISO 8601", summary.Rejected[2].Reason, StringComparison.Ordinal);
        Assert.Contains("Unknown source 'robot'", summary.Rejected[3].Reason, StringComparison.Ordinal);
        Assert.Equal("+1415555012", summary.Rejected[4].Value);
        await using var db = await DbAsync(app);
        var entries = await db.BlockList.Where(b => b.ServiceSid == sid).OrderBy(b => b.Number).ToListAsync(Ct);
        Assert.Equal(["+14155550123", "+525512345678"], entries.Select(e => e.Number));
        Assert.Equal((BlockListSources.Keyword, new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero)), (entries[0].Source, entries[0].OptedOutAt));
        Assert.Equal((BlockListSources.Provider, new DateTimeOffset(2024, 3, 5, 16, 15, 0, TimeSpan.Zero)), (entries[1].Source, entries[1].OptedOutAt));
    }

    [Fact]
    public async Task Import_Latin1Bytes_RowRejectedNotStoredWithReplacementCharacters()
    {
        var sid = await NewServiceAsync(app);
        var bytes = Encoding.Latin1.GetBytes("number,date,source,keyword\n+14155550131,2024-03-05,keyword,ARRÊT\n+14155550132,2024-03-05,keyword,STOP\n");

        var summary = (await importer.ImportAsync(sid, new MemoryStream(bytes), null, "test", "latin1.csv", null, Ct))!;

        Assert.Equal((2L, 1L, 1L), (summary.Rows, summary.Added, summary.RejectedCount));
        var rejected = Assert.Single(summary.Rejected);
        Assert.Equal(2L, rejected.Line);
        Assert.Contains("not UTF-8", rejected.Reason, StringComparison.Ordinal);
        await using var db = await DbAsync(app);
        Assert.Equal(["+14155550132"], await db.BlockList.Where(b => b.ServiceSid == sid).Select(b => b.Number).ToListAsync(Ct));
    }

    [Fact]
    public async Task Import_Latin1BytesInAColumnItDoesNotRead_RowImported()
    {
        var sid = await NewServiceAsync(app);
        var bytes = Encoding.Latin1.GetBytes("number,name\n+14155550133,José\n");

        var summary = (await importer.ImportAsync(sid, new MemoryStream(bytes), null, "test", "contacts.csv", null, Ct))!;

        Assert.Equal((1L, 1L, 0L), (summary.Rows, summary.Added, summary.RejectedCount));
    }

    [Theory]
    [InlineData("US", "(415) 555-0123", "+14155550123")]
    [InlineData("US", "415.555.0123", "+14155550123")]
    [InlineData("CA", "416-555-0123", "+14165550123")]
    [InlineData("GB", "07400 123456", "+447400123456")]
    [InlineData("MX", "55 1234 5678", "+525512345678")]
    [InlineData("GB", "+1 415 555 0123", "+14155550123")]
    public async Task Import_NationalFormatWithDefaultCountry_StoredAsE164(string country, string written, string e164)
    {
        var sid = await NewServiceAsync(app);

        var summary = await ImportAsync(sid, $"\"{written}\"\n", country);

        Assert.Equal(1, summary.Added);
        await using var db = await DbAsync(app);
        Assert.Equal(e164, (await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Number);
    }

    [Fact]
    public async Task Import_NationalFormatWithoutDefaultCountry_RejectedSayingWhy()
    {
        var sid = await NewServiceAsync(app);

        var summary = await ImportAsync(sid, "(415) 555-0123\n", null);

        var rejected = Assert.Single(summary.Rejected);
        Assert.Equal(1, rejected.Line);
        Assert.Contains("no country code", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoHeaderSemicolonsAndQuotes_PositionalColumnsRead()
    {
        var sid = await NewServiceAsync(app);

        var summary = await ImportAsync(sid, "\"+1 415 555 0123\";2024-01-02 03:04:05;MANUAL\n+447400123456;2024/01/03;\n", null);

        Assert.Equal((2L, 0L), (summary.Added, summary.RejectedCount));
        await using var db = await DbAsync(app);
        var us = await db.BlockList.SingleAsync(b => b.ServiceSid == sid && b.Number == "+14155550123", Ct);
        Assert.Equal((BlockListSources.Manual, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)), (us.Source, us.OptedOutAt));
    }

    [Fact]
    public async Task Import_FutureDate_Rejected()
    {
        var sid = await NewServiceAsync(app);
        var future = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var summary = await ImportAsync(sid, $"+14155550123,{future}\n", null);

        Assert.Contains("future", Assert.Single(summary.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondTimeAllAlreadyPresent()
    {
        var sid = await NewServiceAsync(app);
        const string csv = "+14155550123\n+447400123456\n";
        await ImportAsync(sid, csv, null);

        var again = await ImportAsync(sid, csv, null);

        Assert.Equal((0L, 2L), (again.Added, again.AlreadyPresent));
    }

    [Fact]
    public async Task Import_Export_RoundTripsIntoAnotherService()
    {
        var from = await NewServiceAsync(app);
        var to = await NewServiceAsync(app);
        await ImportAsync(from, "number,date,source,keyword,message_sid\n+14155550123,2024-03-05T10:00:00Z,keyword,STOP,SM0123\n+447400123456,,provider,,\n", null);
        using var export = new MemoryStream();
        await app.Service<BlockListService>().ExportAsync(from, export, Ct);
        export.Position = 0;

        var summary = await importer.ImportAsync(to, export, null, "test", "export.csv", null, Ct);

        Assert.Equal(2, summary!.Added);
        await using var db = await DbAsync(app);
        var copied = await db.BlockList.AsNoTracking().Where(b => b.ServiceSid == to).OrderBy(b => b.Number).ToListAsync(Ct);
        var original = await db.BlockList.AsNoTracking().Where(b => b.ServiceSid == from).OrderBy(b => b.Number).ToListAsync(Ct);
        Assert.Equal(
            original.Select(e => (e.Number, e.OptedOutAt, e.Source, e.Keyword, e.MessageSid)),
            copied.Select(e => (e.Number, e.OptedOutAt, e.Source, e.Keyword, e.MessageSid)));
    }

    [Fact]
    public async Task Import_Finished_OneAuditEntryWithTheSummary()
    {
        var sid = await NewServiceAsync(app);

        await importer.ImportAsync(sid, Csv("+14155550123\nbad\n"), "US", "carol@test.local", "legacy.csv", null, Ct);

        await using var db = await DbAsync(app);
        var audit = await db.Audit.SingleAsync(a => a.Area == AuditAreas.BlockList && a.Target == sid, Ct);
        Assert.Equal(("imported", "carol@test.local"), (audit.Action, audit.Actor));
        Assert.Contains("legacy.csv", audit.Details, StringComparison.Ordinal);
        Assert.Contains("2 rows: 1 added, 0 already present, 1 rejected", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownService_Null()
    {
        var summary = await importer.ImportAsync("MG" + new string('0', 32), Csv("+14155550123\n"), null, "test", null, null, Ct);

        Assert.Null(summary);
    }

    [Fact]
    public async Task Import_StreamFailsAfterOneBatch_WholeBatchesOnlyAndAuditedAsIncomplete()
    {
        var sid = await NewServiceAsync(app);
        var csv = Encoding.UTF8.GetBytes(GbNumbers(12_000));
        using var failing = new FailingStream(csv, failAt: csv.Length * 2 / 3);

        await Assert.ThrowsAsync<IOException>(() => importer.ImportAsync(sid, failing, null, "test", "broken.csv", null, Ct));

        await using var db = await DbAsync(app);
        Assert.Equal(BlockListImporter.BatchSize, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        var audit = await db.Audit.SingleAsync(a => a.Area == AuditAreas.BlockList && a.Target == sid, Ct);
        Assert.Equal("import-incomplete", audit.Action);
        Assert.Contains($"{BlockListImporter.BatchSize} added", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_100000Rows_CountsAddUp()
    {
        var sid = await NewServiceAsync(app);
        var text = new StringBuilder("number,date,source\n");
        long bad = 0, duplicates = 0, unique = 0;
        for (var i = 0; i < 100_000; i++)
        {
            if (i % 100 == 99)
            {
                text.Append("not-a-number-").Append(i).Append(",,\n");
                bad++;
            }
            else if (i % 40 == 39)
            {
                text.Append("+447400").Append((unique - 1).ToString("D6", CultureInfo.InvariantCulture)).Append(",2024-01-01,\n");
                duplicates++;
            }
            else
            {
                text.Append("+447400").Append(unique.ToString("D6", CultureInfo.InvariantCulture)).Append(",2024-01-01T00:00:00Z,import\n");
                unique++;
            }
        }

        var reports = new List<ImportProgress>();
        var stopwatch = Stopwatch.StartNew();

        var summary = await importer.ImportAsync(sid, Csv(text.ToString()), null, "test", "big.csv", new SynchronousProgress(reports), Ct);

        stopwatch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"100,000-row import: {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal((100_000L, unique, duplicates, bad), (summary!.Rows, summary.Added, summary.AlreadyPresent, summary.RejectedCount));
        Assert.Equal(bad, summary.Rejected.Count);
        await using var db = await DbAsync(app);
        Assert.Equal(unique, await db.BlockList.LongCountAsync(b => b.ServiceSid == sid, Ct));
        Assert.True(reports.Count >= 100_000 / BlockListImporter.BatchSize - 1, $"{reports.Count} progress reports");
        Assert.Equal(summary.Added, reports[^1].Added);
    }

    private async Task<ImportSummary> ImportAsync(string sid, string csv, string? country) =>
        (await importer.ImportAsync(sid, Csv(csv), country, "test", "test.csv", null, Ct))!;

    private static string GbNumbers(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append("+447400").Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reports on the caller's thread, so the list is complete when the import returns.</summary>
    private sealed class SynchronousProgress(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }

    /// <summary>A file whose reading breaks part way, as an upload does when the connection drops.</summary>
    private sealed class FailingStream(byte[] data, int failAt) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= failAt)
            {
                throw new IOException("The connection was lost.");
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, failAt - (int)Position)], cancellationToken);
        }
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : BlockListImporterTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : BlockListImporterTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
