using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Privacy;

/// <summary>
/// Everything the console stores about one phone number, across services (issue 13, GDPR article 15, CCPA/CPRA
/// access): its block-list entries, its tracking events (paged: a number can have thousands) and the rest, each as a
/// record with its kind: campaign opt-ins, review items, saved test cases, forwards in the outbox and audit entries
/// that name it. Reads only; the number is given in E.164.
/// </summary>
public sealed class SubscriberRecords(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The API's largest page of events (a download takes them all).</summary>
    public const int EventsPageSizeMax = 1_000;

    /// <summary>At most this many records of each other kind (they are few per number; the cap bounds a pathological one).</summary>
    public const int OtherMax = 1_000;

    public async Task<SubscriberData> GetAsync(string e164, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var blockList = await db.BlockList.AsNoTracking().Where(b => b.Number == e164).OrderBy(b => b.ServiceSid).ToListAsync(ct);
        var events = db.Events.AsNoTracking().Where(e => e.From == e164);
        var eventsTotal = await events.CountAsync(ct);
        var eventsPage = await events.OrderBy(e => e.Time).ThenBy(e => e.Id).Skip(Math.Max(0, skip)).Take(Math.Max(1, take)).ToListAsync(ct);

        var other = new List<StoredRecord>();
        foreach (var o in await db.OptInStates.AsNoTracking().Where(o => o.Number == e164).OrderBy(o => o.ServiceSid).ThenBy(o => o.Keyword).Take(OtherMax).ToListAsync(ct))
        {
            other.Add(new StoredRecord("optIn", o.ServiceSid, DateTimeOffset.FromUnixTimeSeconds(o.Day * 86_400L), $"Campaign opt-in with {o.Keyword} ({o.Country}){(o.OptedOut ? ", since opted out" : string.Empty)}"));
        }

        foreach (var r in await db.ReviewItems.AsNoTracking().Where(r => r.From == e164).OrderBy(r => r.ReceivedAt).Take(OtherMax).ToListAsync(ct))
        {
            other.Add(new StoredRecord("reviewItem", r.ServiceSid, r.ReceivedAt,
                $"Possible opt-out “{r.Body}” ({r.Status}{(r.Decision is null ? string.Empty : $": {r.Decision} by {r.DecidedBy}, {r.Reason}")})"));
        }

        foreach (var t in await db.TestCases.AsNoTracking().Where(t => t.From == e164).OrderBy(t => t.CreatedAt).Take(OtherMax).ToListAsync(ct))
        {
            other.Add(new StoredRecord("testCase", t.ServiceSid, t.CreatedAt, $"Saved simulator case “{t.Name}”: “{t.Body}”"));
        }

        // Forwards keep the provider's parameters as JSON, the number among them (From, or To for a sender).
        var quoted = "\"" + e164 + "\"";
        foreach (var m in await db.Outbox.AsNoTracking().Where(m => m.ParametersJson.Contains(quoted)).OrderBy(m => m.Id).Take(OtherMax).ToListAsync(ct))
        {
            other.Add(new StoredRecord("forward", m.ServiceSid, m.CreatedAt, $"Forward of message {m.MessageSid} to {m.Url} ({m.State})"));
        }

        foreach (var a in await db.Audit.AsNoTracking().Where(a => a.Target == e164 || (a.Details != null && a.Details.Contains(e164))).OrderBy(a => a.At).Take(OtherMax).ToListAsync(ct))
        {
            other.Add(new StoredRecord("audit", null, a.At, $"{a.Area} {a.Action} by {a.Actor}: {a.Details}"));
        }

        return new SubscriberData(e164, blockList, eventsPage, eventsTotal, other);
    }
}

/// <summary>What <see cref="SubscriberRecords.GetAsync"/> found.</summary>
public sealed record SubscriberData(string Number, IReadOnlyList<BlockListEntry> BlockList, IReadOnlyList<TrackingEvent> Events, int EventsTotal, IReadOnlyList<StoredRecord> Other)
{
    public bool IsEmpty => BlockList.Count == 0 && EventsTotal == 0 && Other.Count == 0;
}

/// <summary>One stored record about a number other than its block-list entries and events.</summary>
/// <param name="Kind"><c>optIn</c>, <c>reviewItem</c>, <c>testCase</c>, <c>forward</c> or <c>audit</c>.</param>
/// <param name="ServiceSid">The service it belongs to (null for audit entries).</param>
/// <param name="Time">When it was stored or happened.</param>
/// <param name="Detail">What it holds, in words.</param>
public sealed record StoredRecord(string Kind, string? ServiceSid, DateTimeOffset? Time, string Detail);
