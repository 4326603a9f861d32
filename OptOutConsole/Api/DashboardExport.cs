using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Api;

/// <summary>
/// The dashboard's CSV export for signed-in users (cookie): the page links here, so a million rows stream from the
/// database to the browser's download without passing through the circuit. Numbers are masked for Marketers.
/// </summary>
internal static class DashboardExport
{
    public const string Path = "/dashboard/events.csv";

    public static IEndpointRouteBuilder MapDashboardExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(Roles.AnyRole);
        return app;
    }

    private static async Task<IResult> ExportAsync(
        string? service, string? from, string? to, string? type, string? country,
        HttpContext http, DashboardService dashboard, ServiceDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        var (filter, error) = EventsApi.ParseFilter(service, from, to, type, country, clock);
        if (filter is null)
        {
            return error!;
        }

        // An unknown service would export an empty file that looks like "no events".
        if (filter.ServiceSid is { } sid && await directory.GetAsync(sid, ct) is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var user = http.User;
        await EventsApi.WriteCsvAsync(http, dashboard, filter, n => PhoneMask.For(user, n), ct);
        return Results.Empty;
    }
}
