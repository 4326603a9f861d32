using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Phones;
using OptOutConsole.Core.Reference;

namespace OptOutConsole.Api;

/// <summary><c>POST /api/services/{sid}/simulate</c> (DESIGN 5.2): the live classifier's decision, with no effect on anything.</summary>
internal static class SimulateApi
{
    private static readonly JsonBodyRules Rules = new("request.json", "A simulate request", "{\"from\": \"+14155550123\", \"body\": \"STOP\"}", 64 * 1024);

    public static void MapSimulateApi(this RouteGroupBuilder api) =>
        api.MapPost("/services/{sid}/simulate", SimulateAsync);

    private static async Task<IResult> SimulateAsync(string sid, HttpRequest request, ServiceDirectory directory, CancellationToken ct)
    {
        var service = await directory.GetAsync(sid, ct);
        if (service is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var (body, error) = await JsonBodies.ReadAsync<SimulateRequest>(request, Rules, ct);
        if (error is not null)
        {
            return error;
        }

        if (body?.Body is null)
        {
            return ApiProblems.BadRequest("'body' is required: the text the subscriber sends.", "request.body", "body");
        }

        if (!string.IsNullOrWhiteSpace(body.FromCountry) && !BlockListService.IsCountry(body.FromCountry.Trim().ToUpperInvariant()))
        {
            return ApiProblems.BadRequest($"'fromCountry' ({body.FromCountry}) is not an ISO 3166-1 alpha-2 code such as US or MX.", "request.fromCountry", "fromCountry");
        }

        string? from = null;
        if (!string.IsNullOrWhiteSpace(body.From))
        {
            from = E164.Normalize(body.From.Trim(), body.FromCountry);
            if (from is null)
            {
                return ApiProblems.BadRequest($"'from' ({body.From}) is not a valid phone number; use E.164, e.g. +525512345678.", "request.from", "from");
            }
        }
        else if (string.IsNullOrWhiteSpace(body.FromCountry))
        {
            return ApiProblems.BadRequest("'from' is required: the subscriber's phone number in E.164 (or give 'fromCountry').", "request.from", "from");
        }

        var c = service.Classifier.Classify(from, body.Body, body.FromCountry);

        // DESIGN 3.5: no keyword, but maybe an opt-out request in words; in mode block the webhook handles it as a STOP.
        var possible = service.Classifier.DetectOptOutIntent(c, body.Body);
        if (possible?.Action == OptOutIntentConfig.Block)
        {
            c = service.Classifier.ClassifyDetected(possible, c.Country);
        }

        return Results.Ok(new
        {
            optOutType = c.OptOutType,
            matchedKeyword = c.MatchedKeyword,
            matchKey = c.MatchKey,
            country = c.Country,
            language = c.IsMatch ? c.Language : null,
            answeredBy = c.AnsweredBy,
            reply = c.IsMatch ? c.Reply : null,
            segments = c.IsMatch && !string.IsNullOrEmpty(c.Reply) ? c.ReplySegments.Segments : 0,
            encoding = c.IsMatch && !string.IsNullOrEmpty(c.Reply) ? c.ReplySegments.EncodingName : null,
            effect = c.OptOutType switch
            {
                "STOP" => "block",
                "START" => "unblock",
                _ when possible is not null => "review",
                _ => "none",
            },
            possibleOptOut = possible is null ? null : new
            {
                score = possible.Score,
                phrase = possible.Phrase,
                language = possible.Language,
                action = possible.Action,
            },
        });
    }

    private sealed record SimulateRequest(string? From, string? Body, string? FromCountry);
}
