using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Phones;

namespace OptOutConsole.Api;

/// <summary>The send check (DESIGN 5.2): is this recipient on the service's block list?</summary>
internal static class RecipientsApi
{
    public static void MapRecipientsApi(this RouteGroupBuilder api) =>
        api.MapGet("/services/{sid}/recipients/{number}", CheckAsync);

    private static async Task<IResult> CheckAsync(string sid, string number, ServiceDirectory directory, BlockListService blockList, CancellationToken ct)
    {
        if (await directory.GetAsync(sid, ct) is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var (e164, numberError) = PathNumbers.Parse(number);
        if (e164 is null)
        {
            return numberError!;
        }

        var entry = await blockList.GetAsync(sid, e164, ct);
        return Results.Ok(new
        {
            number = e164,
            blocked = entry is not null,
            optedOutAt = entry?.OptedOutAt,
            keyword = entry?.Keyword,
            source = entry?.Source,
        });
    }
}
