using OptOutConsole.Core.Retention;

namespace OptOutConsole.Api;

/// <summary>
/// Retention over the API (issue 13): <c>GET /api/retention</c>, the periods in force and this instance's last run;
/// <c>POST /api/retention/run</c>, a run now (after a change of the periods, or from a scheduler), answered with what it removed.
/// </summary>
internal static class RetentionApi
{
    public static void MapRetentionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/retention", Get);
        api.MapPost("/retention/run", RunAsync);
    }

    private static IResult Get(RetentionService retention) => Results.Ok(new
    {
        eventsDays = retention.Options.EventsDays,
        deliveredOutboxDays = retention.Options.DeliveredOutboxDays,
        reviewItemsDays = retention.Options.ReviewItemsDays,
        auditDays = retention.Options.AuditDays,
        lastRun = retention.LastRun is { } run ? ToJson(run) : null,
    });

    private static async Task<IResult> RunAsync(RetentionService retention, CancellationToken ct) =>
        Results.Ok(ToJson(await retention.RunAsync(ct)));

    private static object ToJson(RetentionRun run) => new
    {
        startedAt = run.StartedAt,
        seconds = Math.Round(run.Duration.TotalSeconds, 3),
        events = run.Events,
        deliveredOutbox = run.DeliveredOutbox,
        reviewItems = run.ReviewItems,
        audit = run.Audit,
    };
}
