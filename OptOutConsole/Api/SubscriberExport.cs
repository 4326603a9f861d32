using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Phones;
using OptOutConsole.Core.Privacy;

namespace OptOutConsole.Api;

/// <summary>
/// The Subscriber page's downloads for signed-in Admin and Compliance users (cookie): everything stored about a number,
/// as JSON (the shape of <c>GET /api/subscribers/{e164}</c>, with every event) or as CSV (one row a record).
/// </summary>
internal static class SubscriberExport
{
    public const string JsonPath = "/subscribers/export.json";
    public const string CsvPath = "/subscribers/export.csv";

    public static IEndpointRouteBuilder MapSubscriberExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(JsonPath, JsonAsync).RequireAuthorization(Roles.CanEdit);
        app.MapGet(CsvPath, CsvAsync).RequireAuthorization(Roles.CanEdit);
        return app;
    }

    /// <summary>The number in E.164 from any common format (a national one with <paramref name="country"/>), or the 400 to send.</summary>
    public static (string? E164, IResult? Error) ParseNumber(string? number, string? country)
    {
        if (BlockListService.CountryProblem(country) is { } countryProblem)
        {
            return (null, ApiProblems.BadRequest(countryProblem, "number.country", "country"));
        }

        var e164 = E164.Normalize(number?.Trim(), string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant());
        return e164 is null
            ? (null, ApiProblems.BadRequest(BlockListService.NumberProblem(number, country), "number.invalid", "number"))
            : (e164, null);
    }

    public static object ToJson(SubscriberData data, int page, int pageSize) => new
    {
        number = data.Number,
        blockList = data.BlockList.Select(b => new { serviceSid = b.ServiceSid, optedOutAt = b.OptedOutAt, keyword = b.Keyword, source = b.Source, messageSid = b.MessageSid }),
        events = data.Events.Select(e => new { serviceSid = e.ServiceSid, time = e.Time, type = e.Type, keyword = e.Keyword, messageSid = e.MessageSid, country = e.Country, language = e.Language, answeredBy = e.AnsweredBy }),
        eventsTotal = data.EventsTotal,
        page,
        pageSize,
        other = data.Other.Select(o => new { kind = o.Kind, serviceSid = o.ServiceSid, time = o.Time, detail = o.Detail }),
    };

    private static async Task<IResult> JsonAsync(string? number, string? country, SubscriberRecords records, CancellationToken ct)
    {
        var (e164, error) = ParseNumber(number, country);
        if (e164 is null)
        {
            return error!;
        }

        var data = await records.GetAsync(e164, 0, int.MaxValue, ct);
        var json = JsonSerializer.Serialize(ToJson(data, 1, Math.Max(1, data.EventsTotal)), JsonSerializerOptions.Web);
        return Results.File(Encoding.UTF8.GetBytes(json), "application/json", FileName(e164, "json"));
    }

    private static async Task<IResult> CsvAsync(string? number, string? country, SubscriberRecords records, CancellationToken ct)
    {
        var (e164, error) = ParseNumber(number, country);
        if (e164 is null)
        {
            return error!;
        }

        var data = await records.GetAsync(e164, 0, int.MaxValue, ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // CsvHelper, as the other exports; a field starting with = + - @ is escaped so a spreadsheet does not run it.
        await using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape, NewLine = "\n" }))
        {
            Row(csv, "kind", "serviceSid", "time", "type", "keyword", "source", "messageSid", "detail");
            foreach (var b in data.BlockList)
            {
                Row(csv, "blockList", b.ServiceSid, b.OptedOutAt, null, b.Keyword, b.Source, b.MessageSid, null);
            }

            foreach (var e in data.Events)
            {
                Row(csv, "event", e.ServiceSid, e.Time, e.Type, e.Keyword, null, e.MessageSid, $"{e.Country} {e.Language} {e.AnsweredBy}".Trim());
            }

            foreach (var o in data.Other)
            {
                Row(csv, o.Kind, o.ServiceSid, o.Time, null, null, null, null, o.Detail);
            }
        }

        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", FileName(e164, "csv"));
    }

    private static string FileName(string e164, string extension) => $"subscriber-{e164.TrimStart('+')}.{extension}";

    private static void Row(CsvWriter csv, params object?[] values)
    {
        foreach (var value in values)
        {
            csv.WriteField(value switch
            {
                null => string.Empty,
                DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
            });
        }

        csv.NextRecord();
    }
}
