using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Identity;

namespace OptOutConsole.Api;

/// <summary>
/// The block list over HTTP (DESIGN 5.2): list with search and paging, streamed CSV export, manual add and remove
/// with a reason, CSV import. Plus the console's own export link, which uses the sign-in cookie instead of an API key.
/// </summary>
internal static class BlockListApi
{
    public const int PageSizeDefault = 50;

    /// <summary>The code of a <c>country</c> (the default country of national numbers) that is not an ISO 3166-1 alpha-2 code.</summary>
    public const string CountryInvalid = "country.invalid";

    /// <summary>Room for multipart boundaries and headers around a file of the largest size.</summary>
    private const long MultipartOverhead = 64 * 1024;

    private static readonly JsonBodyRules AddRules = new("document.json", "A block-list entry", "{\"number\": \"+14155550123\", \"reason\": \"...\"}", RequestBodies.MaxJsonBytes);

    public static void MapBlockListApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{sid}/block-list", ListAsync);
        api.MapGet("/services/{sid}/block-list.csv", ExportAsync);
        api.MapPost("/services/{sid}/block-list", AddAsync);
        api.MapDelete("/services/{sid}/block-list/{number}", RemoveAsync);
        api.MapPost("/services/{sid}/block-list/import", ImportAsync);
    }

    /// <summary>The block list page's export link: signed-in Admin or Compliance users (cookie), never Marketers.</summary>
    public static void MapBlockListExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/block-list/export", (string? sid, BlockListService blockList, TimeProvider clock, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(sid)
                    ? Task.FromResult(ApiProblems.BadRequest("'sid' is required: the messaging service whose block list to export (/block-list/export?sid=MG…).", "request.sid", "sid"))
                    : ExportAsync(sid, blockList, clock, ct))
            .RequireAuthorization(Roles.CanEdit);

    /// <summary>
    /// The block list, newest first, a page at a time (pages count from 1). Filters: <c>search</c> (a number in any
    /// format, <c>country</c> for a national one, or some of its digits), <c>source</c> (keyword, manual, import,
    /// provider), <c>from</c> and <c>to</c> (UTC days, yyyy-MM-dd, inclusive) on the opt-out time.
    /// </summary>
    private static async Task<IResult> ListAsync(
        string sid, string? search, string? country, string? source, string? from, string? to, string? page, string? pageSize,
        BlockListService blockList, CancellationToken ct)
    {
        if (!await blockList.ServiceExistsAsync(sid, ct))
        {
            return ServiceNotFound(sid);
        }

        if (BlockListService.CountryProblem(country) is { } countryProblem)
        {
            return ApiProblems.BadRequest(countryProblem, "block-list.filter", "country");
        }

        var kind = string.IsNullOrWhiteSpace(source) ? null : source.Trim().ToLowerInvariant();
        if (kind is not null && !BlockListSources.All.Contains(kind))
        {
            return ApiProblems.BadRequest($"'source' ({source}) is not one of {string.Join(", ", BlockListSources.All)}.", "block-list.filter", "source");
        }

        // The same day syntax as the events API; an absent bound is the widest day, which filters nothing.
        if (!EventsApi.TryDate(from, DateOnly.MinValue, out var first) || !EventsApi.TryDate(to, DateOnly.MaxValue, out var last))
        {
            return ApiProblems.BadRequest($"'from' and 'to' are days in the form yyyy-MM-dd (got '{from}', '{to}').", "block-list.filter", EventsApi.TryDate(from, default, out _) ? "to" : "from");
        }

        if (first > last)
        {
            return ApiProblems.BadRequest($"'from' ({from}) is after 'to' ({to}).", "block-list.filter", "from");
        }

        var parsed = BlockListSearch.Parse(search, country);
        if (!string.IsNullOrWhiteSpace(search) && parsed.IsEverything)
        {
            // The page shows every number for such text; an API client would take the whole list for the answer.
            return ApiProblems.BadRequest(
                $"'search' ({search}) is neither a phone number nor {BlockListSearch.MinDigits} or more of its digits; search by a number or some of its digits, or leave 'search' out for every entry.",
                "block-list.filter",
                "search");
        }

        var filter = parsed with
        {
            Source = kind,
            OptedOutFrom = first > DateOnly.MinValue ? new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            OptedOutBefore = last < DateOnly.MaxValue ? new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        };
        var (number, size, pagingError) = Paging.Parse(page, pageSize, PageSizeDefault, BlockListService.PageSizeMax, "block-list.paging", clampWholeNumbers: true);
        if (pagingError is not null)
        {
            return pagingError;
        }

        var (items, total) = await blockList.QueryAsync(sid, filter, Paging.Skip(number, size), size, ct);
        return Results.Ok(new { items = items.Select(ToJson), total, page = number, pageSize = size });
    }

    private static async Task<IResult> ExportAsync(string sid, BlockListService blockList, TimeProvider clock, CancellationToken ct)
    {
        if (!await blockList.ServiceExistsAsync(sid, ct))
        {
            return ServiceNotFound(sid);
        }

        return Results.Stream(
            stream => blockList.ExportAsync(sid, stream, ct),
            $"{BlockListCsv.ContentType}; charset=utf-8",
            BlockListCsv.FileName(sid, clock.GetUtcNow()));
    }

    private static async Task<IResult> AddAsync(string sid, HttpRequest request, BlockListService blockList, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, error) = await JsonBodies.ReadAsync<AddBody>(request, AddRules, ct);
        if (error is not null)
        {
            return error;
        }

        var change = await blockList.AddAsync(sid, body!.Number, body.Country, body.Reason, Actor(user), ct);
        switch (change.Status)
        {
            case BlockListChangeStatus.Added:
                return Results.Created($"/api/services/{sid}/block-list/{Uri.EscapeDataString(change.Number!)}", ToJson((await blockList.GetAsync(sid, change.Number!, ct))!));
            case BlockListChangeStatus.AlreadyPresent:
                return Results.Ok(ToJson((await blockList.GetAsync(sid, change.Number!, ct))!));
            default:
                return Problem(sid, change);
        }
    }

    private static async Task<IResult> RemoveAsync(string sid, string number, string? reason, string? country, BlockListService blockList, ClaimsPrincipal user, CancellationToken ct)
    {
        var change = await blockList.RemoveAsync(sid, Uri.UnescapeDataString(number), country, reason, Actor(user), ct);
        return change.Status == BlockListChangeStatus.Removed ? Results.NoContent() : Problem(sid, change);
    }

    private static async Task<IResult> ImportAsync(string sid, string? country, HttpContext context, BlockListImporter importer, ClaimsPrincipal user, CancellationToken ct)
    {
        if (BlockListService.CountryProblem(country) is { } countryProblem)
        {
            return ApiProblems.BadRequest(countryProblem + " Nothing was imported.", CountryInvalid, "country");
        }

        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = BlockListImporter.MaxFileBytes + MultipartOverhead;
        }

        if (request.ContentLength > BlockListImporter.MaxFileBytes + MultipartOverhead)
        {
            return TooLarge();
        }

        Stream? csv = null;
        string? fileName = null;
        var type = request.ContentType is { } header && MediaTypeHeaderValue.TryParse(header, out var parsed) ? parsed : null;
        if (type is not null && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return ApiProblems.BadRequest("The multipart body has no boundary.", "import.body");
            }

            // Read the parts by hand, so the file streams into the import instead of being buffered as a form.
            var reader = new MultipartReader(boundary, request.Body);
            try
            {
                while (await reader.ReadNextSectionAsync(ct) is { } section)
                {
                    if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                    {
                        csv = section.Body;
                        fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                return ApiProblems.BadRequest($"The multipart body could not be read: no part starts with its boundary (--{boundary}), or a part's headers are broken. Nothing was imported.", "import.body");
            }

            if (csv is null)
            {
                return ApiProblems.BadRequest("The multipart body has no file part.", "import.body");
            }
        }
        else if (type is null || type.MediaType.Value is "text/csv" or "text/plain" or "application/csv" or "application/octet-stream")
        {
            csv = request.Body;
        }
        else
        {
            return Results.Problem(title: "Unsupported media type", detail: "Send the CSV as text/csv or as a file in multipart/form-data.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        ImportSummary? summary;
        try
        {
            summary = await importer.ImportAsync(sid, csv, country, Actor(user), fileName, null, ct);
        }
        catch (ImportTooLargeException)
        {
            return TooLarge();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception ex) when (ApiProblems.IsDatabaseRefusal(ex) && !ct.IsCancellationRequested)
        {
            // A later batch was refused: the batches before it are committed, so "nothing was saved" would be wrong.
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(
                title: "Database unavailable",
                detail: $"The database refused part of the import just now. Rows are kept in whole batches of {BlockListImporter.BatchSize}, so the batches before the refused one were added (see the audit log) and nothing of the refused one; send the file again later: rows already imported count as already present.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException && !ct.IsCancellationRequested)
        {
            // The upload broke off (a multipart body without its closing boundary, a body shorter than its
            // Content-Length): the rows read so far may end mid-file, so only whole batches were kept.
            return ApiProblems.BadRequest(
                $"The upload ended before the end of the file (a multipart body without its closing boundary, or a body shorter than its Content-Length). Rows before the break were kept only in whole batches of {BlockListImporter.BatchSize} (see the audit log); send the file again, rows already imported count as already present.",
                "import.body");
        }

        if (summary is null)
        {
            return ServiceNotFound(sid);
        }

        return Results.Ok(new
        {
            rows = summary.Rows,
            added = summary.Added,
            alreadyPresent = summary.AlreadyPresent,
            rejectedCount = summary.RejectedCount,
            rejectedTruncated = summary.RejectedTruncated,
            rejected = summary.Rejected.Select(r => new { line = r.Line, value = r.Value, reason = r.Reason }),
        });
    }

    private static IResult Problem(string sid, BlockListChange change) => change.Status switch
    {
        BlockListChangeStatus.ServiceNotFound => ServiceNotFound(sid),
        BlockListChangeStatus.NotPresent => ApiProblems.NotFound(change.Message),
        BlockListChangeStatus.InvalidNumber => ApiProblems.BadRequest(change.Message, "number.invalid", "number"),
        BlockListChangeStatus.InvalidCountry => ApiProblems.BadRequest(change.Message, CountryInvalid, "country"),
        _ => ApiProblems.BadRequest(change.Message, "reason.required", "reason"),
    };

    private static IResult ServiceNotFound(string sid) => ApiProblems.NotFound($"There is no messaging service {sid}.");

    private static IResult TooLarge() => Results.Problem(
        title: "Too large",
        detail: $"An import file is at most {BlockListImporter.MaxFileBytes / (1024 * 1024)} MiB; split it. Rows before the limit were imported in whole batches (see the audit log).",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static object ToJson(BlockListEntry e) => new
    {
        number = e.Number,
        optedOutAt = e.OptedOutAt,
        keyword = e.Keyword,
        source = e.Source,
        messageSid = e.MessageSid,
    };

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "api";

    private sealed record AddBody(string? Number, string? Reason, string? Country);
}
