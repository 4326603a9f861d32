using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Privacy;
using OptOutConsole.Core.Phones;
using OptOutConsole.Core.Reference;

namespace OptOutConsole.Core.BlockList;

/// <summary>
/// The block list as people and automation see it: search with paging, manual add and remove (each with a reason,
/// audited in the same transaction), and a streamed CSV export. The live webhook writes through
/// <see cref="Inbound.InboundWriter"/>; both use <c>INSERT ... ON CONFLICT DO NOTHING</c>, so a number is kept once.
/// </summary>
public sealed class BlockListService(IDbContextFactory<AppDbContext> dbFactory, AppDatabase database, SubscriberHasher hasher, TimeProvider clock)
{
    public const int ReasonMaxLength = 500;
    public const int PageSizeMax = 500;

    public async Task<bool> ServiceExistsAsync(string serviceSid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Services.AnyAsync(s => s.Sid == serviceSid, ct);
    }

    /// <summary>One page of a service's block list, newest first, with the total that match.</summary>
    public async Task<(IReadOnlyList<BlockListEntry> Items, int Total)> QueryAsync(string serviceSid, BlockListSearch search, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.BlockList.AsNoTracking().Where(b => b.ServiceSid == serviceSid);
        if (search.Number is { } number)
        {
            q = q.Where(b => b.Number == number);
        }
        else if (search.Digits is { } digits)
        {
            q = q.Where(b => b.Number.Contains(digits));
        }

        if (search.Source is { } source)
        {
            q = q.Where(b => b.Source == source);
        }

        if (search.OptedOutFrom is { } from)
        {
            q = q.Where(b => b.OptedOutAt >= from);
        }

        if (search.OptedOutBefore is { } before)
        {
            q = q.Where(b => b.OptedOutAt < before);
        }

        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(b => b.OptedOutAt).ThenBy(b => b.Number)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageSizeMax)).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>
    /// The entry of <paramref name="e164"/>, or null. The send check calls this before every outbound message, so it
    /// reads the one row with a prepared statement on a pooled connection instead of building an EF query (about 4x
    /// the throughput: docs/performance.md, "Send check"). An erased subscriber's entry is kept under the number's
    /// keyed hash (<see cref="SubscriberHasher"/>), so the row is looked up under both keys in one statement.
    /// </summary>
    public async Task<BlockListEntry?> GetAsync(string serviceSid, string e164, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "OptedOutAt", "Keyword", "Source", "MessageSid" FROM "BlockList" WHERE "ServiceSid" = @s AND "Number" IN (@n, @h) ORDER BY "OptedOutAt" LIMIT 1""";
        AppDatabase.AddParameter(command, "@s", serviceSid);
        AppDatabase.AddParameter(command, "@n", e164);
        AppDatabase.AddParameter(command, "@h", hasher.Hash(e164));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new BlockListEntry
        {
            ServiceSid = serviceSid,
            Number = e164,
            OptedOutAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
            Keyword = reader.IsDBNull(1) ? null : reader.GetString(1),
            Source = reader.GetString(2),
            MessageSid = reader.IsDBNull(3) ? null : reader.GetString(3),
        };
    }

    /// <summary>
    /// Puts a number on the block list by hand (source <c>manual</c>); audited with the reason when it was added.
    /// <paramref name="number"/> may be in any common format; a national one needs <paramref name="defaultRegion"/>.
    /// </summary>
    public async Task<BlockListChange> AddAsync(string serviceSid, string? number, string? defaultRegion, string? reason, string actor, CancellationToken ct)
    {
        var (e164, problem) = await CheckAsync(serviceSid, number, defaultRegion, reason, ct);
        if (problem is not null)
        {
            return problem;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        var added = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "BlockList" ("ServiceSid", "Number", "OptedOutAt", "Keyword", "Source", "MessageSid") VALUES ({serviceSid}, {e164}, {at}, NULL, {BlockListSources.Manual}, NULL) ON CONFLICT ("ServiceSid", "Number") DO NOTHING""",
            ct) > 0;
        if (!added)
        {
            return new BlockListChange(BlockListChangeStatus.AlreadyPresent, e164, $"{e164} is already on the block list.");
        }

        AuditLog.Add(db, clock, actor, AuditAreas.BlockList, "added", e164!, $"Service {serviceSid}. Reason: {reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new BlockListChange(BlockListChangeStatus.Added, e164, $"{e164} added to the block list.");
    }

    /// <summary>Takes a number off the block list by hand; audited with the reason when it was there.</summary>
    public async Task<BlockListChange> RemoveAsync(string serviceSid, string? number, string? defaultRegion, string? reason, string actor, CancellationToken ct)
    {
        var (e164, problem) = await CheckAsync(serviceSid, number, defaultRegion, reason, ct);
        if (problem is not null)
        {
            return problem;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var hash = hasher.Hash(e164!);
        var removed = await db.BlockList.Where(b => b.ServiceSid == serviceSid && (b.Number == e164 || b.Number == hash)).ExecuteDeleteAsync(ct) > 0;
        if (!removed)
        {
            return new BlockListChange(BlockListChangeStatus.NotPresent, e164, $"{e164} is not on the block list.");
        }

        AuditLog.Add(db, clock, actor, AuditAreas.BlockList, "removed", e164!, $"Service {serviceSid}. Reason: {reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new BlockListChange(BlockListChangeStatus.Removed, e164, $"{e164} removed from the block list.");
    }

    /// <summary>
    /// Writes the service's whole block list as CSV (<see cref="BlockListCsv.Header"/>, ordered by number) to
    /// <paramref name="output"/>, row by row, with asynchronous writes only (safe on an HTTP response body).
    /// </summary>
    public async Task ExportAsync(string serviceSid, Stream output, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var column in BlockListCsv.Header)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var rows = db.BlockList.AsNoTracking().Where(b => b.ServiceSid == serviceSid).OrderBy(b => b.Number).AsAsyncEnumerable();
        await foreach (var entry in rows.WithCancellation(ct))
        {
            csv.WriteField(entry.Number);
            csv.WriteField(BlockListCsv.FormatDate(entry.OptedOutAt));
            csv.WriteField(entry.Source);
            csv.WriteField(entry.Keyword);
            csv.WriteField(entry.MessageSid);
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
        await writer.FlushAsync(ct);
    }

    private async Task<(string? E164, BlockListChange? Problem)> CheckAsync(string serviceSid, string? number, string? defaultRegion, string? reason, CancellationToken ct)
    {
        if (!await ServiceExistsAsync(serviceSid, ct))
        {
            return (null, new BlockListChange(BlockListChangeStatus.ServiceNotFound, null, $"There is no messaging service {serviceSid}."));
        }

        // The country only reads a national number: with an international one it plays no part, so an unknown
        // country is the problem only when the number did not read.
        var e164 = E164.Normalize(number, defaultRegion);
        if (e164 is null)
        {
            return CountryProblem(defaultRegion) is { } countryProblem
                ? (null, new BlockListChange(BlockListChangeStatus.InvalidCountry, null, countryProblem))
                : (null, new BlockListChange(BlockListChangeStatus.InvalidNumber, null, NumberProblem(number, defaultRegion)));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return (e164, new BlockListChange(BlockListChangeStatus.ReasonRequired, e164, "A reason is required."));
        }

        if (reason.Trim().Length > ReasonMaxLength)
        {
            return (e164, new BlockListChange(BlockListChangeStatus.ReasonRequired, e164, $"The reason is longer than {ReasonMaxLength} characters."));
        }

        return (e164, null);
    }

    /// <summary>
    /// Why <paramref name="defaultRegion"/> (the country that reads national numbers) is not one, or null when it is
    /// blank or an ISO 3166-1 alpha-2 code in any case. An unknown code would make every national number look invalid.
    /// </summary>
    public static string? CountryProblem(string? defaultRegion) =>
        string.IsNullOrWhiteSpace(defaultRegion) || IsCountry(defaultRegion.Trim().ToUpperInvariant())
            ? null
            : $"'{defaultRegion.Trim()}' is not a country code: give an ISO 3166-1 alpha-2 code such as US or GB, or leave 'country' out when every number starts with +.";

    /// <summary>An ISO 3166-1 alpha-2 code, or a numbering region libphonenumber knows beside them (XK).</summary>
    public static bool IsCountry(string code) => Countries.IsKnown(code) || E164.IsNumberingRegion(code);

    /// <summary>Why <paramref name="number"/> is not a phone number, in words for the person who typed it.</summary>
    public static string NumberProblem(string? number, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return "The number is empty.";
        }

        var trimmed = number.Trim();
        var looksLikeNumber = trimmed.Any(char.IsAsciiDigit) && !trimmed.Any(char.IsLetter);
        return looksLikeNumber && !trimmed.StartsWith('+') && string.IsNullOrWhiteSpace(defaultRegion)
            ? $"'{trimmed}' has no country code; write it as +<country code><number> or choose a default country."
            : $"'{trimmed}' is not a valid phone number{(trimmed.StartsWith('+') || string.IsNullOrWhiteSpace(defaultRegion) ? string.Empty : $" in {defaultRegion.Trim().ToUpperInvariant()}")}.";
    }
}
