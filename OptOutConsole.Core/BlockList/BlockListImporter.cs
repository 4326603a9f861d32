using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Phones;

namespace OptOutConsole.Core.BlockList;

/// <summary>
/// Imports existing opt-outs from another system's CSV (docs/decisions/block-list-import.md). Columns: number, then
/// optionally date and source (and keyword, message_sid, so an export imports back); a header row is optional and
/// recognised when the first row's first field holds no digit. Good rows are inserted in batches of
/// <see cref="BatchSize"/>, each batch in one transaction (a crash leaves whole batches only); bad rows are listed
/// with their line and reason. A number already on the list, or earlier in the same file, counts as already present.
/// Imports change the block list only: no tracking events, no counters.
/// </summary>
public sealed class BlockListImporter(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<BlockListImporter> logger)
{
    public const int BatchSize = 5_000;
    public const long MaxFileBytes = 50L * 1024 * 1024;
    public const int MaxRejectedListed = 100_000;
    public const int MaxNumberLength = 64;
    public const int MaxTextLength = 64;

    /// <summary>Rows per insert statement: 5 parameters a row stays well under both providers' parameter limits.</summary>
    private const int InsertChunk = 500;

    /// <summary>A date may be at most this far in the future (clock skew between systems), never more.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    private const int MaxValueShown = 100;

    /// <summary>What the UTF-8 reader puts in place of bytes that are not UTF-8.</summary>
    private const char Replaced = '\uFFFD';

    private static readonly string[] DateFormats = BuildDateFormats();

    private static readonly string[] NumberHeaders = ["number", "phone", "phonenumber", "e164", "msisdn", "mobile", "recipient", "to", "from"];
    private static readonly string[] DateHeaders = ["date", "optedoutat", "optedout", "since", "timestamp", "createdat", "dateoptedout"];

    /// <summary>
    /// Imports <paramref name="csv"/> into the service's block list; null when there is no such service.
    /// <paramref name="defaultRegion"/> (ISO alpha-2) reads numbers written without a country code; null accepts only + numbers.
    /// </summary>
    public async Task<ImportSummary?> ImportAsync(
        string serviceSid,
        Stream csv,
        string? defaultRegion,
        string actor,
        string? fileName,
        IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Services.AnyAsync(s => s.Sid == serviceSid, ct))
        {
            return null;
        }

        var run = new Run(serviceSid, clock.GetUtcNow(), progress);
        var counting = new CountingStream(csv, MaxFileBytes);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await ReadAsync(run, counting, defaultRegion, db, ct);
            await FlushAsync(run, db, counting, summary => AuditLog.Add(db, clock, actor, AuditAreas.BlockList, "imported", serviceSid, Details(summary, fileName, defaultRegion)), ct);
            return run.Summary();
        }
        catch (Exception ex)
        {
            // The committed batches stay (each was whole); say so in the audit log, then let the caller report the failure.
            logger.LogWarning(ex, "The block-list import into {Service} stopped after {Added} added rows.", serviceSid, run.Added);
            await AuditFailureAsync(serviceSid, actor, fileName, run, ex);
            throw;
        }
    }

    /// <summary>Reads a date as written by other systems: ISO 8601 (date, or date and time with or without an offset), yyyy/MM/dd, or RFC 1123.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    private async Task ReadAsync(Run run, CountingStream counting, string? defaultRegion, AppDbContext db, CancellationToken ct)
    {
        var badData = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            IgnoreBlankLines = true,
            MaxFieldSize = 4096,
            BadDataFound = _ => badData = true,
        };
        using var reader = new StreamReader(counting, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        using var parser = new CsvParser(reader, config);
        var columns = Columns.Positional;
        var first = true;
        while (true)
        {
            long line = parser.RawRow + 1;
            try
            {
                if (!await parser.ReadAsync())
                {
                    break;
                }
            }
            catch (CsvHelperException ex)
            {
                // A broken quote can swallow the rest of the file: there is no safe place to carry on from.
                run.Rows++;
                run.Reject(line, string.Empty, $"The CSV cannot be read from here on ({ex.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal)}); fix the quoting and import the rest.");
                break;
            }

            var record = parser.Record ?? [];
            line = parser.RawRow - CountLineBreaks(parser.RawRecord) + 1;
            if (first)
            {
                first = false;
                if (record.Length > 0 && !record[0].Any(char.IsAsciiDigit))
                {
                    columns = Columns.FromHeader(record);
                    continue;
                }
            }

            run.Rows++;
            if (badData)
            {
                badData = false;
                run.Reject(line, Shown(parser.RawRecord.TrimEnd('\r', '\n')), "Malformed CSV: a quote inside an unquoted field.");
                continue;
            }

            if (Check(run, line, record, columns, defaultRegion) is { } row)
            {
                run.Pending.Add(row);
                if (run.Pending.Count >= BatchSize)
                {
                    await FlushAsync(run, db, counting, null, ct);
                }
            }
        }
    }

    private static PendingRow? Check(Run run, long line, string[] record, Columns columns, string? defaultRegion)
    {
        // The reader turns bytes that are not UTF-8 into U+FFFD; storing that would change the row silently. Only the
        // columns the import reads count: a contact list's "José" in a column it ignores changes nothing.
        if (columns.Read().Select(i => Field(record, i)).FirstOrDefault(f => f.Contains(Replaced, StringComparison.Ordinal)) is { } mangled)
        {
            run.Reject(line, Shown(mangled.Trim()), "The row has bytes that are not UTF-8 (shown as �); save the file as UTF-8 (Excel: CSV UTF-8) and import it again.");
            return null;
        }

        var number = Field(record, columns.Number);
        if (number.Length == 0)
        {
            run.Reject(line, string.Empty, "The number is empty.");
            return null;
        }

        if (number.Length > MaxNumberLength)
        {
            run.Reject(line, Shown(number), $"The number is longer than {MaxNumberLength} characters.");
            return null;
        }

        var e164 = E164.Normalize(number, defaultRegion);
        if (e164 is null)
        {
            run.Reject(line, Shown(number), BlockListService.NumberProblem(number, defaultRegion));
            return null;
        }

        var at = run.StartedAt;
        var date = Field(record, columns.Date);
        if (date.Length > 0)
        {
            if (!TryParseDate(date, out at))
            {
                run.Reject(line, Shown(date), $"'{Shown(date)}' is not a date this import reads; use ISO 8601 (2024-03-05 or 2024-03-05T10:00:00Z).");
                return null;
            }

            if (at > run.StartedAt + FutureTolerance)
            {
                run.Reject(line, Shown(date), $"The date {date} is in the future.");
                return null;
            }
        }

        var source = Field(record, columns.Source).ToLowerInvariant();
        if (source.Length == 0)
        {
            source = BlockListSources.Import;
        }
        else if (!BlockListSources.All.Contains(source))
        {
            run.Reject(line, Shown(Field(record, columns.Source)), $"Unknown source '{Shown(Field(record, columns.Source))}'; use one of {string.Join(", ", BlockListSources.All)}.");
            return null;
        }

        var keyword = Field(record, columns.Keyword);
        var messageSid = Field(record, columns.MessageSid);
        if (keyword.Length > MaxTextLength || messageSid.Length > MaxTextLength)
        {
            run.Reject(line, Shown(keyword.Length > MaxTextLength ? keyword : messageSid), $"The keyword or message SID is longer than {MaxTextLength} characters.");
            return null;
        }

        return new PendingRow(e164, at, source, keyword.Length == 0 ? null : keyword, messageSid.Length == 0 ? null : messageSid);
    }

    /// <summary>Inserts the pending rows in one transaction; <paramref name="audit"/> adds the audit entry (with the final summary) to the last one.</summary>
    private static async Task FlushAsync(Run run, AppDbContext db, CountingStream counting, Action<ImportSummary>? audit, CancellationToken ct)
    {
        if (run.Pending.Count > 0 || audit is not null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            long added = 0;

            // Sorted, so an import and the webhook's writers (on any instance) lock the rows they share in one order.
            var rows = run.Pending.OrderBy(r => r.Number, StringComparer.Ordinal).ToList();
            for (var start = 0; start < rows.Count; start += InsertChunk)
            {
                added += await InsertAsync(connection, dbTransaction, run.ServiceSid, rows, start, Math.Min(InsertChunk, rows.Count - start), ct);
            }

            if (audit is not null)
            {
                // The entry counts this batch too: it commits with it, so it is exact or absent.
                audit(run.Summary() with { Added = run.Added + added, AlreadyPresent = run.AlreadyPresent + run.Pending.Count - added });
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            run.Added += added;
            run.AlreadyPresent += run.Pending.Count - added;
            run.Pending.Clear();
        }

        run.Progress?.Report(new ImportProgress(run.Rows, run.Added, run.AlreadyPresent, run.RejectedCount, counting.BytesRead));
    }

    /// <summary>
    /// One multi-row insert of <paramref name="count"/> rows (both providers take it, and a row already present, in
    /// the table or earlier in the statement, is skipped); returns how many were added.
    /// </summary>
    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, string serviceSid, List<PendingRow> rows, int start, int count, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("""INSERT INTO "BlockList" ("ServiceSid", "Number", "OptedOutAt", "Keyword", "Source", "MessageSid") VALUES """);
        AppDatabase.AddParameter(command, "@s", serviceSid);
        for (var i = 0; i < count; i++)
        {
            var row = rows[start + i];
            sql.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@s, @n{i}, @t{i}, @k{i}, @o{i}, @m{i})");
            AppDatabase.AddParameter(command, $"@n{i}", row.Number);
            AppDatabase.AddParameter(command, $"@t{i}", row.At.ToUnixTimeMilliseconds());
            AppDatabase.AddParameter(command, $"@k{i}", row.Keyword);
            AppDatabase.AddParameter(command, $"@o{i}", row.Source);
            AppDatabase.AddParameter(command, $"@m{i}", row.MessageSid);
        }

        command.CommandText = sql.Append(""" ON CONFLICT ("ServiceSid", "Number") DO NOTHING""").ToString();
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task AuditFailureAsync(string serviceSid, string actor, string? fileName, Run run, Exception ex)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var what = ex is OperationCanceledException ? "cancelled" : "stopped by an error";
            AuditLog.Add(db, clock, actor, AuditAreas.BlockList, "import-incomplete", serviceSid,
                $"Import of {fileName ?? "a CSV file"} {what} ({ex.Message}); committed before it stopped: {run.Added} added, {run.AlreadyPresent} already present.");
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception auditError)
        {
            logger.LogError(auditError, "The incomplete import into {Service} could not be audited.", serviceSid);
        }
    }

    private static string Details(ImportSummary summary, string? fileName, string? defaultRegion) =>
        $"Imported {fileName ?? "a CSV file"} (default country {(string.IsNullOrWhiteSpace(defaultRegion) ? "none" : defaultRegion.ToUpperInvariant())}): {summary.Describe()}.";

    private static string Field(string[] record, int? index) =>
        index is { } i && i < record.Length ? record[i].Trim() : string.Empty;

    private static string Shown(string value) => value.Length <= MaxValueShown ? value : value[..MaxValueShown] + "…";

    private static int CountLineBreaks(string raw)
    {
        var trimmed = raw.AsSpan().TrimEnd("\r\n");
        return trimmed.Count('\n') + 1;
    }

    private static string[] BuildDateFormats()
    {
        string[] times = ["", "'T'HH:mm", "'T'HH:mm:ss", "'T'HH:mm:ss.FFFFFFF", " HH:mm", " HH:mm:ss", " HH:mm:ss.FFFFFFF"];
        string[] zones = ["", "K", "zzz", "'Z'", " 'UTC'"];
        var formats = new List<string>();
        foreach (var day in new[] { "yyyy-MM-dd", "yyyy/MM/dd" })
        {
            foreach (var time in times)
            {
                foreach (var zone in time.Length == 0 ? [""] : zones)
                {
                    formats.Add(day + time + zone);
                }
            }
        }

        formats.Add("r");
        return [.. formats];
    }

    private static string Normalized(string header) => new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private sealed record PendingRow(string Number, DateTimeOffset At, string Source, string? Keyword, string? MessageSid);

    private sealed record Columns(int? Number, int? Date, int? Source, int? Keyword, int? MessageSid)
    {
        public static readonly Columns Positional = new(0, 1, 2, 3, 4);

        /// <summary>The columns the import reads.</summary>
        public IEnumerable<int?> Read() => [Number, Date, Source, Keyword, MessageSid];

        public static Columns FromHeader(string[] header)
        {
            var names = header.Select(Normalized).ToList();
            int? Find(params string[] candidates)
            {
                var i = names.FindIndex(candidates.Contains);
                return i < 0 ? null : i;
            }

            return new Columns(Find(NumberHeaders) ?? 0, Find(DateHeaders), Find("source"), Find("keyword"), Find("messagesid", "sid"));
        }
    }

    private sealed class Run(string serviceSid, DateTimeOffset startedAt, IProgress<ImportProgress>? progress)
    {
        private readonly List<ImportRejection> rejected = [];

        public string ServiceSid { get; } = serviceSid;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public IProgress<ImportProgress>? Progress { get; } = progress;

        public List<PendingRow> Pending { get; } = new(BatchSize);

        public long Rows { get; set; }

        public long Added { get; set; }

        public long AlreadyPresent { get; set; }

        public long RejectedCount { get; private set; }

        public void Reject(long line, string value, string reason)
        {
            RejectedCount++;
            if (rejected.Count < MaxRejectedListed)
            {
                rejected.Add(new ImportRejection(line, value, reason));
            }
        }

        public ImportSummary Summary() => new(Rows, Added, AlreadyPresent, RejectedCount, rejected.ToArray());
    }
}
