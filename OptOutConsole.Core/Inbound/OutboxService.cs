using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Inbound;

/// <summary>What the service page shows about forwarding, and an admin's retry.</summary>
public sealed class OutboxService(IDbContextFactory<AppDbContext> dbFactory, OutboxForwarder forwarder, TimeProvider clock)
{
    public async Task<OutboxSummary> SummaryAsync(string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Outbox.AsNoTracking().Where(m => m.ServiceSid == sid);
        var counts = await q.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var lastFailure = await q.Where(m => m.State == OutboxStates.Failing).OrderByDescending(m => m.Id).Select(m => new { m.LastError, m.NextAttemptAt }).FirstOrDefaultAsync(ct);
        var lastDelivered = await q.Where(m => m.State == OutboxStates.Delivered).OrderByDescending(m => m.Id).Select(m => m.DeliveredAt).FirstOrDefaultAsync(ct);
        int Count(string state) => counts.FirstOrDefault(c => c.Key == state)?.Count ?? 0;
        return new OutboxSummary(Count(OutboxStates.Pending), Count(OutboxStates.Delivered), Count(OutboxStates.Failing), lastFailure?.LastError, lastFailure?.NextAttemptAt, lastDelivered);
    }

    public async Task<IReadOnlyList<OutboxMessage>> RecentAsync(string sid, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.AsNoTracking().Where(m => m.ServiceSid == sid).OrderByDescending(m => m.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
    }

    /// <summary>Makes every failing message of the service due now; returns how many.</summary>
    public async Task<int> RetryAsync(string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var n = await db.Outbox.Where(m => m.ServiceSid == sid && m.State == OutboxStates.Failing && m.LeaseOwner == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), ct);
        forwarder.Wake();
        return n;
    }
}
