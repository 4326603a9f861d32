using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Reference;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// The tracking dashboard's queries (issue 6): aggregates from the per-day counters (<see cref="CounterRollup"/>),
/// hourly buckets, opt-in conversions and the latest events from the events table, and the CSV export as a stream.
/// </summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, SqliteDatabase database, CounterRollup counters, HourlyRollup hourly, ServiceCatalog catalog)
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
    /// For each campaign keyword (an opt-in keyword that is not a default: START, YES, UNSTOP) of the service, or of
    /// every service: the numbers that opted in with it in the period and how many of them a STOP keyword has since put
    /// back on the block list. Reads the START events through a partial index; its cost grows with those events.
    /// </summary>
    public async Task<IReadOnlyList<ConversionRow>> ConversionsAsync(DashboardFilter filter, CancellationToken ct)
    {
        var services = filter.ServiceSid is { } one
            ? (await catalog.ListAsync(null, ct)).Where(s => s.Sid == one).ToList()
            : await catalog.ListAsync(null, ct);
        var rows = new List<ConversionRow>();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        foreach (var service in services)
        {
            var found = await catalog.GetAsync(service.Sid, ct);
            if (found is null)
            {
                continue;
            }

            foreach (var keyword in CampaignKeywords(found.Value.Config))
            {
                await using var command = connection.CreateCommand();
                // Type = 'START' literally, so SQLite can use the partial index IX_Events_Starts_Keyword.
                command.CommandText = """
                    WITH firsts AS (
                        SELECT "From" AS Number, MIN(Time) AS At FROM Events
                        WHERE Type = 'START' AND ServiceSid = $s AND Keyword = $k AND Time >= $from AND Time < $to AND ($c IS NULL OR Country = $c)
                        GROUP BY "From")
                    SELECT COUNT(*), COUNT(b.Number) FROM firsts f
                    LEFT JOIN BlockList b ON b.ServiceSid = $s AND b.Number = f.Number AND b.Source = 'keyword' AND b.OptedOutAt > f.At
                    """;
                command.Parameters.AddWithValue("$s", service.Sid);
                command.Parameters.AddWithValue("$k", keyword);
                command.Parameters.AddWithValue("$from", filter.Start.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$to", filter.End.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$c", (object?)filter.Country ?? DBNull.Value);
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
                {
                    rows.Add(new ConversionRow(service.Sid, service.FriendlyName, keyword, reader.GetInt64(0), reader.GetInt64(1)));
                }
            }
        }

        return rows.OrderByDescending(r => r.Subscribers).ThenBy(r => r.Keyword, StringComparer.Ordinal).ToList();
    }

    /// <summary>The opt-in keywords of every set of <paramref name="config"/> that are not built-in defaults.</summary>
    public static IReadOnlyList<string> CampaignKeywords(ServiceConfig config) =>
        new[] { config.Global.OptIn }
            .Concat(config.Languages.Select(l => l.OptIn))
            .Concat(config.Countries.Select(c => c.OptIn))
            .SelectMany(c => c.Keywords)
            .Where(k => !string.IsNullOrWhiteSpace(k) && !DefaultKeywords.IsDefault(KeywordCategory.OptIn, k))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>A page of the events that match, newest first; the total comes from the counters.</summary>
    public async Task<EventPage> EventsAsync(DashboardFilter filter, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await Filtered(db, filter)
            .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id)
            .Skip(page * pageSize).Take(pageSize)
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
