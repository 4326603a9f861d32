using System.Globalization;
using System.Security.Claims;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Review;

namespace OptOutConsole.Api;

/// <summary>
/// The review queue of possible opt-outs (issue 12, DESIGN 5.2): <c>GET /api/services/{sid}/review?status=open|decided</c>
/// and <c>POST /api/services/{sid}/review/{id}</c> <c>{"decision": "optOut"|"dismiss", "reason"}</c>.
/// </summary>
internal static class ReviewApi
{
    private const int PageSizeDefault = 50;

    private static readonly JsonBodyRules DecisionRules = new("request.json", "A review decision", "{\"decision\": \"optOut\", \"reason\": \"Asked to stop in words\"}", 64 * 1024);

    public static void MapReviewApi(this RouteGroupBuilder api)
    {
        // The /api group takes API keys only, and only Admins create them (DESIGN 6), as for the block list's writes.
        // No role policy here: a key's principal carries no role, so one would refuse every key (403).
        var review = api.MapGroup("/services/{sid}/review");
        review.MapGet(string.Empty, ListAsync);
        review.MapPost("/{id}", DecideAsync);
    }

    private static async Task<IResult> ListAsync(string sid, string? status, string? page, string? pageSize, ServiceDirectory directory, ReviewQueue queue, CancellationToken ct)
    {
        if (await directory.GetAsync(sid, ct) is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        status = string.IsNullOrWhiteSpace(status) ? ReviewStatuses.Open : status.Trim().ToLowerInvariant();
        if (!ReviewStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"'status' ({status}) is not one of {string.Join(", ", ReviewStatuses.All)}.", "review.status", "status");
        }

        var (number, size, pagingError) = Paging.Parse(page, pageSize, PageSizeDefault, ReviewQueue.PageSizeMax, "review.paging", clampWholeNumbers: true);
        if (pagingError is not null)
        {
            return pagingError;
        }

        var (items, total) = await queue.ListAsync(sid, status, Paging.Skip(number, size), size, ct);
        return Results.Ok(new { items = items.Select(ToJson), total, page = number, pageSize = size });
    }

    private static async Task<IResult> DecideAsync(string sid, string id, HttpRequest request, ServiceDirectory directory, ReviewQueue queue, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await directory.GetAsync(sid, ct) is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var itemId))
        {
            return ApiProblems.BadRequest($"'{id}' is not a review item id (a whole number).", "review.id", "id");
        }

        var (body, error) = await JsonBodies.ReadAsync<DecisionRequest>(request, DecisionRules, ct);
        if (error is not null)
        {
            return error;
        }

        var decision = await queue.DecideAsync(sid, itemId, body?.Decision, body?.Reason, user.Identity?.Name ?? "api", ct);
        return decision.Outcome switch
        {
            ReviewOutcome.Decided => Results.Ok(ToJson(decision.Item!)),
            ReviewOutcome.NotFound => ApiProblems.NotFound(decision.Message),
            ReviewOutcome.AlreadyDecided => Results.Problem(title: "Already decided", detail: decision.Message, statusCode: StatusCodes.Status409Conflict),
            ReviewOutcome.InvalidDecision => ApiProblems.BadRequest(decision.Message, "review.decision", "decision"),
            _ => ApiProblems.BadRequest(decision.Message, "review.reason", "reason"),
        };
    }

    private static object ToJson(ReviewItem r) => new
    {
        id = r.Id,
        from = r.From,
        body = r.Body,
        receivedAt = r.ReceivedAt,
        dueAt = r.DueAt,
        score = r.Score,
        phrase = r.Phrase,
        phraseStart = r.PhraseStart,
        phraseLength = r.PhraseLength,
        language = r.Language,
        status = r.Status,
        decision = r.Decision,
        reason = r.Reason,
        decidedBy = r.DecidedBy,
        decidedAt = r.DecidedAt,
    };

    private sealed record DecisionRequest(string? Decision, string? Reason);
}
