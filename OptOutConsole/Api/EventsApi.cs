using System.Globalization;
using System.Text;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Reference;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Api;

/// <summary>Tracking events of a service (DESIGN 5.2): a filtered, paged list as JSON, and the same filter as a streamed CSV.</summary>
internal static class EventsApi
{
    public const int DefaultDays = 30;

    public static void MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{sid}/events", ListAsync);
        api.MapGet("/services/{sid}/events.csv", CsvAsync);
    }

    /// <summary>
    /// Reads <c>from</c> and <c>to</c> (UTC dates, yyyy-MM-dd, inclusive; default: the last 30 days), <c>type</c>
    /// (STOP, START, HELP) and <c>country</c> (ISO 3166-1 alpha-2) into a filter, or the 400 to send
    /// (<c>events.filter</c>, with the parameter as the path).
    /// </summary>
    public static (DashboardFilter? Filter, IResult? Error) ParseFilter(string? sid, string? from, string? to, string? type, string? country, TimeProvider clock)
    {
        static (DashboardFilter?, IResult?) Fail(string parameter, string message) => (null, ApiProblems.BadRequest(message, "events.filter", parameter));

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!TryDate(to, today, out var last))
        {
            return Fail("to", $"'to' ({to}) is not a date in the form yyyy-MM-dd.");
        }

        if (OutOfRange("to", last) is { } toError)
        {
            return Fail("to", toError);
        }

        var defaultFrom = last.DayNumber - DashboardFilter.FirstDate.DayNumber >= DefaultDays ? last.AddDays(1 - DefaultDays) : DashboardFilter.FirstDate;
        if (!TryDate(from, defaultFrom, out var first))
        {
            return Fail("from", $"'from' ({from}) is not a date in the form yyyy-MM-dd.");
        }

        if (OutOfRange("from", first) is { } fromError)
        {
            return Fail("from", fromError);
        }

        if (first > last)
        {
            return Fail("from", $"'from' ({first:yyyy-MM-dd}) is after 'to' ({last:yyyy-MM-dd}).");
        }

        if (last.DayNumber - first.DayNumber >= DashboardFilter.MaxDays)
        {
            return Fail("from", $"The range from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} is longer than {DashboardFilter.MaxDays} days.");
        }

        var t = string.IsNullOrWhiteSpace(type) ? null : type.Trim().ToUpperInvariant();
        if (t is not null && EventTypes.IndexOf(t) < 0)
        {
            return Fail("type", $"'type' ({type}) is not one of STOP, START, HELP.");
        }

        var c = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
        if (c is not null && !Countries.IsKnown(c))
        {
            return Fail("country", $"'country' ({country}) is not an ISO 3166-1 alpha-2 code such as US or MX.");
        }

        return (new DashboardFilter(string.IsNullOrWhiteSpace(sid) ? null : sid, first, last, t, c), null);
    }

    private static string? OutOfRange(string name, DateOnly day) =>
        day < DashboardFilter.FirstDate || day > DashboardFilter.LastDate
            ? $"'{name}' ({day:yyyy-MM-dd}) must be a day from {DashboardFilter.FirstDate:yyyy-MM-dd} to {DashboardFilter.LastDate:yyyy-MM-dd}."
            : null;

    /// <summary>Writes the events of <paramref name="filter"/> as a CSV download, streamed while it is read.</summary>
    public static async Task WriteCsvAsync(HttpContext http, DashboardService dashboard, DashboardFilter filter, Func<string, string> number, CancellationToken ct)
    {
        http.Response.ContentType = TrackingCsv.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{TrackingCsv.FileName(filter)}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await TrackingCsv.WriteAsync(writer, dashboard.StreamAsync(filter, ct), number, ct);
    }

    private static async Task<IResult> ListAsync(
        string sid, string? from, string? to, string? type, string? country, string? page, string? pageSize,
        ServiceDirectory directory, DashboardService dashboard, TimeProvider clock, CancellationToken ct)
    {
        if (await directory.GetAsync(sid, ct) is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var (filter, error) = ParseFilter(sid, from, to, type, country, clock);
        if (filter is null)
        {
            return error!;
        }

        // Pages count from 1, as the block list's do.
        var (p, size, pagingError) = Paging.Parse(page, pageSize, 50, DashboardService.MaxPageSize, "events.paging");
        if (pagingError is not null)
        {
            return pagingError;
        }

        var result = await dashboard.EventsAsync(filter, p - 1, size, ct);
        return Results.Ok(new
        {
            from = filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            page = p,
            pageSize = size,
            total = result.Total,
            items = result.Items.Select(e => new
            {
                time = e.Time,
                serviceSid = sid,
                from = e.From,
                country = e.Country,
                type = e.Type,
                keyword = e.Keyword,
                matchedKeyword = e.Keyword,
                language = e.Language,
                answeredBy = e.AnsweredBy,
                messageSid = e.MessageSid,
            }),
        });
    }

    private static async Task<IResult> CsvAsync(
        string sid, string? from, string? to, string? type, string? country,
        HttpContext http, ServiceDirectory directory, DashboardService dashboard, TimeProvider clock, CancellationToken ct)
    {
        if (await directory.GetAsync(sid, ct) is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var (filter, error) = ParseFilter(sid, from, to, type, country, clock);
        if (filter is null)
        {
            return error!;
        }

        await WriteCsvAsync(http, dashboard, filter, n => n, ct);
        return Results.Empty;
    }

    /// <summary>A UTC day as the APIs take it (yyyy-MM-dd); <paramref name="fallback"/> when absent.</summary>
    internal static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
