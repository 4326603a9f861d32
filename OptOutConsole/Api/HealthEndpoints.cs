using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Api;

/// <summary><c>/healthz</c>: 200 when the database answers, 503 when it does not; <c>/ping</c>: always 200. No sign-in.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // A trivial endpoint: the load benchmark measures it as this machine's ceiling for the app.
        app.MapGet("/ping", () => "pong").AllowAnonymous();
        app.MapGet("/healthz", async (AppDatabase database, CancellationToken ct) =>
        {
            try
            {
                await using var connection = await database.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(ct);
                return Results.Text("ok");
            }
            catch (Exception ex) when (AppDatabase.IsRefusal(ex) || ex is TimeoutException)
            {
                return Results.Problem(title: "Database unavailable", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous();
    }
}
