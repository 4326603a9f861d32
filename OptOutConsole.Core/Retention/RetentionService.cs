using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;

namespace OptOutConsole.Core.Retention;

/// <summary>
/// Removes what is older than its retention period (<see cref="RetentionOptions"/>) in small batches, each its own
/// short transaction with a pause after it, so the webhook's writer is never held up for long; every run that removed
/// something is audited (area <c>retention</c>), which is also how every instance learns the last run's figures.
/// Only rows past their period go: the block list (with each opt-out's proof), the daily counters behind the dashboard
/// and open review items are not touched. Several instances may run it at once: a row is deleted once either way.
/// </summary>
public sealed class RetentionService(IDbContextFactory<AppDbContext> dbFactory, RetentionOptions options, TimeProvider clock, ILogger<RetentionService> logger)
{
    public const string Actor = "retention";

    /// <summary>Rows deleted per statement.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>
    /// The least pause after each full batch; the pause is also at least <see cref="PauseFactor"/> times the batch's
    /// own time, so retention holds the database at most a third of the time however loaded it is: the webhook's
    /// writer shares it (on SQLite, its one write lock).
    /// </summary>
    public TimeSpan BatchPause { get; init; } = TimeSpan.FromMilliseconds(20);

    public const int PauseFactor = 2;

    public RetentionOptions Options => options;

    private readonly Lock gate = new();
    private Task<RetentionRun>? running;

    /// <summary>The last run of this instance, or null before the first.</summary>
    public RetentionRun? LastRun { get; private set; }

    /// <summary>The cut-off of a period: rows older than this go; null when the period is 0 (keep).</summary>
    public DateTimeOffset? CutOff(int days) => days <= 0 ? null : clock.GetUtcNow().AddDays(-days);

    /// <summary>
    /// Runs retention now; a call while a run is under way on this instance (the hourly job, "Run now", the API) gets
    /// that run's result instead of a second run beside it.
    /// </summary>
    public Task<RetentionRun> RunAsync(CancellationToken ct)
    {
        lock (gate)
        {
            if (running is { IsCompleted: false } current)
            {
                return current.WaitAsync(ct);
            }

            running = RunOnceAsync(ct);
            return running;
        }
    }

    private async Task<RetentionRun> RunOnceAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        long events = 0, outbox = 0, review = 0, audit = 0;
        if (CutOff(options.EventsDays) is { } eventsBefore)
        {
            events = await DeleteAsync(db => db.Events.Where(e => e.Time < eventsBefore).OrderBy(e => e.Time).Select(e => e.Id),
                (db, ids) => db.Events.Where(e => ids.Contains(e.Id)), ct);
        }

        if (CutOff(options.DeliveredOutboxDays) is { } outboxBefore)
        {
            outbox = await DeleteAsync(db => db.Outbox.Where(m => m.State == OutboxStates.Delivered && m.DeliveredAt < outboxBefore).OrderBy(m => m.Id).Select(m => m.Id),
                (db, ids) => db.Outbox.Where(m => ids.Contains(m.Id)), ct);
        }

        if (CutOff(options.ReviewItemsDays) is { } reviewBefore)
        {
            review = await DeleteAsync(db => db.ReviewItems.Where(r => r.Status == ReviewStatuses.Decided && r.DecidedAt < reviewBefore).OrderBy(r => r.Id).Select(r => r.Id),
                (db, ids) => db.ReviewItems.Where(r => ids.Contains(r.Id)), ct);
        }

        if (CutOff(options.AuditDays) is { } auditBefore)
        {
            audit = await DeleteAsync(db => db.Audit.Where(a => a.At < auditBefore).OrderBy(a => a.At).Select(a => a.Id),
                (db, ids) => db.Audit.Where(a => ids.Contains(a.Id)), ct);
        }

        var run = new RetentionRun(started, watch.Elapsed, events, outbox, review, audit);
        LastRun = run;
        if (run.Total > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            AuditLog.Add(db, clock, Actor, AuditAreas.Retention, "removed", "retention", $"Retention ({Describe(options)}) {run.Describe()}.");
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Retention {Run}", run.Describe());
        }

        return run;
    }

    /// <summary>The latest run that removed something, by any instance (its audit entry), or null.</summary>
    public async Task<AuditEntry?> LastRecordedRunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Audit.AsNoTracking().Where(a => a.Area == AuditAreas.Retention).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The periods in words, for the audit and the settings page.</summary>
    public static string Describe(RetentionOptions o) =>
        $"events {Days(o.EventsDays)}, delivered forwards {Days(o.DeliveredOutboxDays)}, decided review items {Days(o.ReviewItemsDays)}, audit {Days(o.AuditDays)}";

    public static string Days(int days) => days <= 0 ? "kept" : $"{days:N0} days";

    /// <summary>Deletes, a batch at a time, the rows whose ids <paramref name="select"/> picks, until none is left.</summary>
    private async Task<long> DeleteAsync<T>(Func<AppDbContext, IQueryable<long>> select, Func<AppDbContext, IQueryable<long>, IQueryable<T>> rows, CancellationToken ct)
        where T : class
    {
        long total = 0;
        while (true)
        {
            int deleted;
            var batch = Stopwatch.StartNew();
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var ids = select(db).Take(BatchSize);
                deleted = await rows(db, ids).ExecuteDeleteAsync(ct);
            }

            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }

            var pause = batch.Elapsed * PauseFactor;
            if (pause < BatchPause)
            {
                pause = BatchPause;
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, ct);
            }
        }
    }
}
