using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Review;

/// <summary>
/// The review queue of possible opt-outs (DESIGN 3.5): what is open, oldest due first; a person's decision (opt out:
/// the number goes on the block list with source <c>review</c>; or not an opt-out), each with a reason and audited in
/// the same transaction; and the deadline: an item still open at its due date is opted out (source
/// <c>review-deadline</c>), so the 10 business days are never missed. A decision is taken once: the item's status
/// changes only from open, so two people (or two instances' deadline jobs) cannot both decide it.
/// </summary>
public sealed class ReviewQueue(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int PageSizeMax = 500;

    /// <summary>At most this many overdue items are opted out per run of the deadline.</summary>
    public const int DeadlineBatch = 200;

    /// <summary>One page of a service's items: open ones oldest due first, decided ones latest decided first.</summary>
    public async Task<(IReadOnlyList<ReviewItem> Items, int Total)> ListAsync(string serviceSid, string status, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.ReviewItems.AsNoTracking().Where(r => r.ServiceSid == serviceSid && r.Status == status);
        var total = await q.CountAsync(ct);
        q = status == ReviewStatuses.Open
            ? q.OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            : q.OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Id);
        var items = await q.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageSizeMax)).ToListAsync(ct);
        return (items, total);
    }

    public async Task<ReviewItem?> GetAsync(string serviceSid, long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReviewItems.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.ServiceSid == serviceSid, ct);
    }

    /// <summary>Decides one item (<see cref="ReviewDecisions"/>); refused when it is not open, the decision is unknown or the reason is missing.</summary>
    public async Task<ReviewDecision> DecideAsync(string serviceSid, long id, string? decision, string? reason, string actor, CancellationToken ct)
    {
        if (decision is null || !ReviewDecisions.All.Contains(decision, StringComparer.Ordinal))
        {
            return new ReviewDecision(ReviewOutcome.InvalidDecision, null, $"'{decision}' is not a decision: use {string.Join(" or ", ReviewDecisions.All)}.");
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return new ReviewDecision(ReviewOutcome.ReasonRequired, null, "A reason is required: it is kept with the decision in the audit log.");
        }

        if (reason.Length > ReviewItem.ReasonMaxLength)
        {
            return new ReviewDecision(ReviewOutcome.ReasonRequired, null, $"The reason has {reason.Length} characters; it may have at most {ReviewItem.ReasonMaxLength}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ReviewItems.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.ServiceSid == serviceSid, ct);
        if (item is null)
        {
            return new ReviewDecision(ReviewOutcome.NotFound, null, $"Service {serviceSid} has no review item {id}.");
        }

        if (item.Status != ReviewStatuses.Open)
        {
            return new ReviewDecision(ReviewOutcome.AlreadyDecided, item, $"Review item {id} was decided already ({item.Decision} by {item.DecidedBy}).");
        }

        var decided = await ApplyAsync(db, item, decision, reason, actor, decision == ReviewDecisions.OptOut ? BlockListSources.Review : null, ct);
        return decided is null
            ? new ReviewDecision(ReviewOutcome.AlreadyDecided, await GetAsync(serviceSid, id, ct), $"Review item {id} was decided by someone else a moment ago.")
            : new ReviewDecision(ReviewOutcome.Decided, decided, decision == ReviewDecisions.OptOut ? $"{item.From} opted out." : "Marked as not an opt-out.");
    }

    /// <summary>Opts out every open item whose due date has come (at most <see cref="DeadlineBatch"/> a call); returns how many.</summary>
    public async Task<int> OptOutOverdueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<ReviewItem> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.ReviewItems.AsNoTracking().Where(r => r.Status == ReviewStatuses.Open && r.DueAt <= now)
                .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(DeadlineBatch).ToListAsync(ct);
        }

        var done = 0;
        foreach (var item in due)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var reason = $"Still open at its due date ({item.DueAt:yyyy-MM-dd HH:mm} UTC, {BusinessDays.RevocationDeadline} business days after it was received): opted out so the FCC's deadline is not missed.";
            if (await ApplyAsync(db, item, ReviewDecisions.OptOut, reason, ReviewDecisions.DeadlineActor, BlockListSources.ReviewDeadline, ct) is not null)
            {
                done++;
            }
        }

        return done;
    }

    /// <summary>The queue in figures: items flagged and decided in [<paramref name="from"/>, <paramref name="to"/>), open and overdue now.</summary>
    public async Task<ReviewCounts> CountsAsync(string? serviceSid, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.ReviewItems.AsNoTracking();
        if (serviceSid is not null)
        {
            q = q.Where(r => r.ServiceSid == serviceSid);
        }

        return new ReviewCounts(
            await q.LongCountAsync(r => r.ReceivedAt >= from && r.ReceivedAt < to, ct),
            await q.LongCountAsync(r => r.DecidedAt >= from && r.DecidedAt < to, ct),
            await q.LongCountAsync(r => r.Status == ReviewStatuses.Open, ct),
            await q.LongCountAsync(r => r.Status == ReviewStatuses.Open && r.DueAt <= now, ct));
    }

    /// <summary>Open items of the given services (all when null), for the menu's badge.</summary>
    public async Task<int> OpenCountAsync(IReadOnlyCollection<string>? serviceSids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.ReviewItems.AsNoTracking().Where(r => r.Status == ReviewStatuses.Open);
        if (serviceSids is not null)
        {
            q = q.Where(r => serviceSids.Contains(r.ServiceSid));
        }

        return await q.CountAsync(ct);
    }

    /// <summary>
    /// Records the decision in one transaction with its effect: the item goes from open to decided (or nothing happens,
    /// when someone else decided it first: null), an opt-out puts the number on the block list, and the audit says so.
    /// </summary>
    private async Task<ReviewItem?> ApplyAsync(AppDbContext db, ReviewItem item, string decision, string reason, string actor, string? blockSource, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.ReviewItems.Where(r => r.Id == item.Id && r.Status == ReviewStatuses.Open).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReviewStatuses.Decided)
            .SetProperty(r => r.Decision, decision)
            .SetProperty(r => r.Reason, reason)
            .SetProperty(r => r.DecidedBy, actor)
            .SetProperty(r => r.DecidedAt, now), ct);
        if (changed == 0)
        {
            return null;
        }

        var blocked = false;
        if (blockSource is not null)
        {
            var at = now.ToUnixTimeMilliseconds();
            var keyword = item.Phrase.Length > 64 ? item.Phrase[..64] : item.Phrase;
            blocked = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "BlockList" ("ServiceSid", "Number", "OptedOutAt", "Keyword", "Source", "MessageSid") VALUES ({item.ServiceSid}, {item.From}, {at}, {keyword}, {blockSource}, {item.MessageSid}) ON CONFLICT ("ServiceSid", "Number") DO NOTHING""",
                ct) > 0;
        }

        var what = decision == ReviewDecisions.OptOut
            ? $"Opted out ({(blocked ? $"added to the block list, source {blockSource}" : "already on the block list")})"
            : "Not an opt-out";
        AuditLog.Add(db, clock, actor, AuditAreas.Review, decision == ReviewDecisions.OptOut ? "opted-out" : "dismissed", item.From,
            $"Service {item.ServiceSid}, review item {item.Id}: “{item.Phrase}” (score {item.Score:0.00}). {what}. Reason: {reason}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await db.ReviewItems.AsNoTracking().FirstAsync(r => r.Id == item.Id, ct);
    }
}
