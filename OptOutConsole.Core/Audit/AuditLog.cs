using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Audit;

/// <summary>Writes and reads audit entries. An entry is added to the caller's context, so it commits with the change it records.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int PageSizeMax = 500;

    public static void Add(AppDbContext db, TimeProvider clock, string actor, string area, string action, string target, string? details = null) =>
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = Truncate(actor, 256),
            Area = area,
            Action = action,
            Target = Truncate(target, 256),
            Details = details,
        });

    /// <summary>One page of entries, newest first, with the total that match.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> QueryAsync(AuditQuery query, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Audit.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Area))
        {
            q = q.Where(a => a.Area == query.Area);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            q = q.Where(a => a.Actor.Contains(query.Actor.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var t = query.Text.Trim();
            q = q.Where(a => a.Target.Contains(t) || (a.Details != null && a.Details.Contains(t)) || a.Action.Contains(t));
        }

        if (query.From is { } from)
        {
            q = q.Where(a => a.At >= from);
        }

        if (query.To is { } to)
        {
            q = q.Where(a => a.At < to);
        }

        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageSizeMax)).ToListAsync(ct);
        return (items, total);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
