using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;

namespace OptOutConsole.Core.Privacy;

/// <summary>
/// Erasure of a subscriber (issue 13, GDPR article 17, CCPA/CPRA deletion) in one transaction, so that the number is in
/// no table afterwards while the console keeps honouring its opt-outs:
/// <list type="bullet">
/// <item>block-list entries and campaign opt-ins are kept under the number's keyed hash (<see cref="SubscriberHasher"/>):
/// the send check and a later START find them by hashing the number they are given;</item>
/// <item>tracking events keep time, type, keyword and country with the hash in place of the sender, so the dashboard's
/// figures do not change;</item>
/// <item>open review items keep their text under the hash (the 10-business-day clock of a request to stop still runs);
/// decided ones, saved test cases and forwards that hold the number are deleted; audit entries name the hash instead;</item>
/// <item>the erasure is audited with who, when, the reason and the hash, never the number.</item>
/// </list>
/// On SQLite the transaction runs with <c>secure_delete</c> (old bytes are zeroed) and the WAL is truncated after it, so
/// the number is not left in the file's free space or in the log either (docs/privacy.md).
/// </summary>
public sealed class SubscriberEraser(IDbContextFactory<AppDbContext> dbFactory, SubscriberHasher hasher, TimeProvider clock, ILogger<SubscriberEraser> logger)
{
    public const int ReasonMaxLength = 500;

    public async Task<ErasureResult> EraseAsync(string e164, string? reason, string actor, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return ErasureResult.Refused("A reason is required: it is kept in the audit log with the erasure (for example \"GDPR request of 2026-12-03, ticket 4411\").");
        }

        if (reason.Length > ReasonMaxLength)
        {
            return ErasureResult.Refused($"The reason has {reason.Length} characters; it may have at most {ReasonMaxLength}.");
        }

        if (reason.Contains(e164, StringComparison.Ordinal) || reason.Contains(e164.TrimStart('+'), StringComparison.Ordinal))
        {
            return ErasureResult.Refused("The reason must not contain the number: it is kept after the number is erased.");
        }

        var hash = hasher.Hash(e164);
        var quoted = "%\"" + e164 + "\"%";
        var contains = "%" + e164 + "%";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite)
            {
                // Deleted and overwritten content is zeroed, so the number does not stay in the pages' free space.
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON", ct);
            }

            ErasureResult result;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                // Block list: an entry under the hash already (an earlier erasure, then a new STOP) wins; the rest move to it.
                var blockList = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""DELETE FROM "BlockList" WHERE "Number" = {e164} AND EXISTS (SELECT 1 FROM "BlockList" AS h WHERE h."ServiceSid" = "BlockList"."ServiceSid" AND h."Number" = {hash})""", ct);
                blockList += await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "BlockList" SET "Number" = {hash} WHERE "Number" = {e164}""", ct);
                var optIns = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""DELETE FROM "OptInStates" WHERE "Number" = {e164} AND EXISTS (SELECT 1 FROM "OptInStates" AS h WHERE h."ServiceSid" = "OptInStates"."ServiceSid" AND h."Number" = {hash})""", ct);
                optIns += await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "OptInStates" SET "Number" = {hash} WHERE "Number" = {e164}""", ct);
                var events = await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Events" SET "From" = {hash} WHERE "From" = {e164}""", ct);
                var openReview = await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "ReviewItems" SET "From" = {hash} WHERE "From" = {e164} AND "Status" = {ReviewStatuses.Open}""", ct);
                var decidedReview = await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "ReviewItems" WHERE "From" = {e164}""", ct);
                var testCases = await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "TestCases" WHERE "From" = {e164}""", ct);
                var forwards = await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "Outbox" WHERE "ParametersJson" LIKE {quoted}""", ct);
                var audit = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""UPDATE "Audit" SET "Target" = REPLACE("Target", {e164}, {hash}), "Details" = REPLACE("Details", {e164}, {hash}) WHERE "Target" LIKE {contains} OR "Details" LIKE {contains}""", ct);

                result = new ErasureResult(ErasureOutcome.Erased, null, hash, blockList, events, optIns, openReview, decidedReview, testCases, forwards, audit);
                if (result.Total == 0)
                {
                    await transaction.RollbackAsync(ct);
                    return ErasureResult.NotFound(hash);
                }

                AuditLog.Add(db, clock, actor, AuditAreas.Privacy, "erased", hash, $"Subscriber erased: {result.Describe()}. Reason: {reason}");
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            if (sqlite)
            {
                await TruncateWalAsync(db, ct);
            }

            logger.LogInformation("Subscriber {Hash} erased by {Actor}: {What}", hash, actor, result.Describe());
            return result;
        }
        finally
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=OFF", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Copies the WAL into the file and empties it, so the old pages that held the number are not left in the log.
    /// Readers of the moment can hold it up: it is tried for a few seconds, then left to the next checkpoints (logged).
    /// </summary>
    private async Task TruncateWalAsync(AppDbContext db, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct) && reader.GetInt32(0) == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        logger.LogWarning("The WAL could not be truncated after an erasure (readers kept it busy); the next checkpoints overwrite it");
    }
}

public enum ErasureOutcome
{
    Erased,
    NotFound,
    Refused,
}

/// <summary>What an erasure did, in rows.</summary>
public sealed record ErasureResult(
    ErasureOutcome Outcome, string? Message, string? Hash, int BlockListEntriesKept, int EventsPseudonymised, int OptInsKept,
    int OpenReviewItemsKept, int ReviewItemsDeleted, int TestCasesDeleted, int ForwardsDeleted, int AuditEntriesRewritten)
{
    public int Total => BlockListEntriesKept + EventsPseudonymised + OptInsKept + OpenReviewItemsKept + ReviewItemsDeleted + TestCasesDeleted + ForwardsDeleted + AuditEntriesRewritten;

    public static ErasureResult NotFound(string hash) => new(ErasureOutcome.NotFound, "The console stores nothing about this number.", hash, 0, 0, 0, 0, 0, 0, 0, 0);

    public static ErasureResult Refused(string message) => new(ErasureOutcome.Refused, message, null, 0, 0, 0, 0, 0, 0, 0, 0);

    public string Describe() =>
        $"{BlockListEntriesKept} block-list entries and {OptInsKept} campaign opt-ins kept as {Hash}, {EventsPseudonymised} events pseudonymised, "
        + $"{OpenReviewItemsKept} open review items kept under the hash, {ReviewItemsDeleted} decided review items, {TestCasesDeleted} test cases and {ForwardsDeleted} forwards deleted, {AuditEntriesRewritten} audit entries rewritten";
}
