using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Reference;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// The tracking dashboard's queries (issue 6): aggregates from the per-day counters (<see cref="CounterRollup"/>),
/// hourly buckets from the events, opt-in conversions (<see cref="ConversionStats"/>), the latest events from the
/// events table, and the CSV export as a stream.
/// </summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, CounterRollup counters, HourlyRollup hourly, ConversionStats conversions, ServiceCatalog catalog, ServiceDirectory directory)
{
    public const int TopKeywordCount = 10;
    public const int MaxPageSize = 500;

    /// <summary>Totals against the previous period, the chart, and the breakdowns by country, language set and keyword.</summary>
    public async Task<DashboardSummary> SummaryAsync(DashboardFilter filter, CancellationToken ct)
    {
        var current = await AggregateAsync(filter, perDay: !filter.IsHourly, ct);
        var previous = await AggregateAsync(filter.Previous(), perDay: false, ct);
        var series = filter.IsHourly ? await HourlyAsync(filter, ct) : Daily(filter, current);

        var countries = current.ByCountry
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new NamedCount(c.Key, CountryName(c.Key), c.Value))
            .ToList();
        var sets = current.ByAnsweredBy
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new NamedCount(s.Key, SetName(s.Key), s.Value))
            .ToList();
        var keywords = current.ByKeyword
            .OrderByDescending(k => k.Value).ThenBy(k => k.Key.Keyword, StringComparer.Ordinal)
            .Take(TopKeywordCount)
            .Select(k => new KeywordCount(k.Key.Type, k.Key.Keyword, k.Value))
            .ToList();
        return new DashboardSummary(filter, current.Totals, previous.Totals, filter.IsHourly, series, countries, sets, keywords);
    }

    /// <summary>The counters' sums for a filter (public for the benchmark and the API's totals).</summary>
    public Task<CounterAggregate> AggregateAsync(DashboardFilter filter, bool perDay, CancellationToken ct) =>
        counters.AggregateAsync(filter.ServiceSid, filter.Type, filter.Country, filter.FirstDay, filter.LastDay, perDay, ct);

    /// <summary>Events per hour by type (short ranges), from the events through <see cref="HourlyRollup"/>.</summary>
    public async Task<IReadOnlyList<SeriesPoint>> HourlyAsync(DashboardFilter filter, CancellationToken ct)
    {
        var buckets = await hourly.HoursAsync(filter.ServiceSid, filter.Type, filter.Country, filter.FirstDay, filter.LastDay, ct);
        return Enumerable.Range(0, buckets.GetLength(0))
            .Select(h => new SeriesPoint(filter.Start.AddHours(h), buckets[h, 0], buckets[h, 1], buckets[h, 2]))
            .ToList();
    }

    /// <summary>
    /// For each campaign keyword (<see cref="CampaignKeywords"/>) of the service, or of every service: the opt-ins it
    /// brought in the period (and country) and how many of those a STOP keyword later ended, from
    /// <see cref="ConversionStats"/> (microseconds at any range; docs/decisions/dashboard-net-change.md).
    /// </summary>
    public async Task<IReadOnlyList<ConversionRow>> ConversionsAsync(DashboardFilter filter, CancellationToken ct)
    {
        var rows = new List<ConversionRow>();
        foreach (var service in await catalog.ListAsync(null, ct))
        {
            if ((filter.ServiceSid is { } one && service.Sid != one) || await directory.GetAsync(service.Sid, ct) is not { } compiled)
            {
                continue;
            }

            foreach (var keyword in CampaignKeywords.Of(compiled.Config))
            {
                var sum = await conversions.SumAsync(service.Sid, keyword, filter.Country, filter.FirstDay, filter.LastDay, ct);
                rows.Add(new ConversionRow(service.Sid, service.FriendlyName, keyword, sum.OptIns, sum.OptedOutLater));
            }
        }

        return rows.OrderByDescending(r => r.Subscribers).ThenBy(r => r.Keyword, StringComparer.Ordinal).ToList();
    }

    /// <summary>A page of the events that match, newest first; the total comes from the counters.</summary>
    public async Task<EventPage> EventsAsync(DashboardFilter filter, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await Filtered(db, filter)
            .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id)
            .Skip((int)Math.Min((long)page * pageSize, int.MaxValue)).Take(pageSize)
            .ToListAsync(ct);
        var totals = await AggregateAsync(filter, perDay: false, ct);
        return new EventPage(items, totals.Totals.Total);
    }

    /// <summary>Every event that matches, oldest first, read as it is written out (never all in memory).</summary>
    public async IAsyncEnumerable<TrackingEvent> StreamAsync(DashboardFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var e in Filtered(db, filter).OrderBy(e => e.Time).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return e;
        }
    }

    public static string CountryName(string code) =>
        code.Length == 0 ? "Unknown" : Countries.NameOf(code) is { } name ? $"{name} ({code})" : code;

    /// <summary>"global" is the global set; "language es" and "country MX" are named with their language or country.</summary>
    public static string SetName(string answeredBy)
    {
        if (answeredBy == "global")
        {
            return "Global set";
        }

        var space = answeredBy.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            var (kind, code) = (answeredBy[..space], answeredBy[(space + 1)..]);
            var name = kind == "language" ? Languages.NameOf(code) : kind == "country" ? Countries.NameOf(code) : null;
            if (name is not null)
            {
                return $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind)}: {name} ({code})";
            }
        }

        return answeredBy;
    }

    private static IQueryable<TrackingEvent> Filtered(AppDbContext db, DashboardFilter filter)
    {
        var (start, end) = (filter.Start, filter.End);
        var q = db.Events.AsNoTracking().Where(e => e.Time >= start && e.Time < end);
        if (filter.ServiceSid is { } sid)
        {
            q = q.Where(e => e.ServiceSid == sid);
        }

        if (filter.Type is { } type)
        {
            q = q.Where(e => e.Type == type);
        }

        if (filter.Country is { } country)
        {
            q = q.Where(e => e.Country == country);
        }

        return q;
    }

    private static List<SeriesPoint> Daily(DashboardFilter filter, CounterAggregate aggregate) =>
        Enumerable.Range(0, filter.Days)
            .Select(d => new SeriesPoint(filter.Start.AddDays(d), aggregate.Daily[d, 0], aggregate.Daily[d, 1], aggregate.Daily[d, 2]))
            .ToList();
}
