using System.Security.Claims;
using OptOutConsole.Core.Phones;
using OptOutConsole.Core.Privacy;

namespace OptOutConsole.Api;

/// <summary>
/// Privacy requests about one subscriber (issue 13, DESIGN 5.2): <c>GET /api/subscribers/{e164}</c>, everything stored
/// about the number across services, its events paged (<c>page</c>, <c>pageSize</c>); <c>DELETE
/// /api/subscribers/{e164}?reason=</c>, its erasure (<see cref="SubscriberEraser"/>).
/// </summary>
internal static class SubscribersApi
{
    private const int EventsPageSizeDefault = 100;

    public static void MapSubscribersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/subscribers/{number}", GetAsync);
        api.MapDelete("/subscribers/{number}", EraseAsync);
    }

    private static async Task<IResult> EraseAsync(string number, string? reason, SubscriberEraser eraser, ClaimsPrincipal user, CancellationToken ct)
    {
        var (e164, numberError) = PathNumbers.Parse(number);
        if (e164 is null)
        {
            return numberError!;
        }

        var result = await eraser.EraseAsync(e164, reason, user.Identity?.Name ?? "api", ct);
        return result.Outcome switch
        {
            ErasureOutcome.Erased => Results.Ok(new
            {
                erased = true,
                blockListEntriesKept = result.BlockListEntriesKept,
                eventsPseudonymised = result.EventsPseudonymised,
                optInsKept = result.OptInsKept,
                openReviewItemsKept = result.OpenReviewItemsKept,
                reviewItemsDeleted = result.ReviewItemsDeleted,
                testCasesDeleted = result.TestCasesDeleted,
                forwardsDeleted = result.ForwardsDeleted,
                auditEntriesRewritten = result.AuditEntriesRewritten,
                hash = result.Hash,
            }),
            ErasureOutcome.NotFound => ApiProblems.NotFound($"The console stores nothing about {e164}: there is nothing to erase."),
            _ => ApiProblems.BadRequest(result.Message!, "erasure.reason", "reason"),
        };
    }

    private static async Task<IResult> GetAsync(string number, string? page, string? pageSize, SubscriberRecords records, CancellationToken ct)
    {
        var (e164, numberError) = PathNumbers.Parse(number);
        if (e164 is null)
        {
            return numberError!;
        }

        var (pageNumber, size, pagingError) = Paging.Parse(page, pageSize, EventsPageSizeDefault, SubscriberRecords.EventsPageSizeMax, "subscriber.paging");
        if (pagingError is not null)
        {
            return pagingError;
        }

        var data = await records.GetAsync(e164, Paging.Skip(pageNumber, size), size, ct);
        return Results.Ok(SubscriberExport.ToJson(data, pageNumber, size));
    }
}
