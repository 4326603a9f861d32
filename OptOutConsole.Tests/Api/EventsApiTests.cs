using System.Net;
using System.Text.Json.Nodes;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>Tracking events over HTTP: the API's JSON list and CSV (API key), and the dashboard's CSV export (cookie, masked for Marketers), on SQLite and on PostgreSQL.</summary>
public abstract class EventsApiTests
{
    private readonly ConsoleAppFactory app;
    private readonly HttpClient api;

    protected EventsApiTests(ConsoleAppFactory app)
    {
        this.app = app;
        api = app.CreateApiClient();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_TypeFilter_NewestFirstWithTotal()
    {
        var sid = await SeedAsync(("+14155550121", "STOP"), ("+14155550122", "HELP"), ("+14165550123", "STOP"));

        var json = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/events?type=stop&pageSize=10", Ct))!;

        Assert.Equal(2, json["total"]!.GetValue<long>());
        var items = json["items"]!.AsArray();
        Assert.Equal(["+14165550123", "+14155550121"], items.Select(i => i!["from"]!.GetValue<string>()));
        Assert.Equal("CA", items[0]!["country"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_Pages_CountFromOneLikeTheBlockList()
    {
        var sid = await SeedAsync(("+14155550131", "STOP"), ("+14155550132", "STOP"), ("+14155550133", "STOP"));

        var first = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/events?page=1&pageSize=2", Ct))!;
        var second = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/events?page=2&pageSize=2", Ct))!;
        var zero = await api.GetAsync($"/api/services/{sid}/events?page=0", Ct);

        Assert.Equal(1, first["page"]!.GetValue<int>());
        Assert.Equal(["+14155550133", "+14155550132"], first["items"]!.AsArray().Select(i => i!["from"]!.GetValue<string>()));
        Assert.Equal(["+14155550131"], second["items"]!.AsArray().Select(i => i!["from"]!.GetValue<string>()));
        Assert.Equal(sid, first["items"]![0]!["serviceSid"]!.GetValue<string>());
        Assert.Equal("STOP", first["items"]![0]!["matchedKeyword"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
    }

    [Theory]
    [InlineData("type=MAYBE", "'type'", "type")]
    [InlineData("from=yesterday", "'from'", "from")]
    [InlineData("to=2026-02-30", "'to'", "to")]
    [InlineData("country=XX", "'country'", "country")]
    [InlineData("from=2026-02-01&to=2026-01-01", "after", "from")]
    [InlineData("from=2020-01-01&to=2026-01-01", "longer than", "from")]
    [InlineData("pageSize=5000", "pageSize", "pageSize")]
    public async Task List_BadQuery_400InPlainWordsNamingTheParameter(string query, string mentions, string path)
    {
        var sid = await SeedAsync();

        var response = await api.GetAsync($"/api/services/{sid}/events?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Contains(mentions, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(path, problem["problems"]![0]!["path"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=1e3", "page")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=x", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task List_BadPaging_400NamesTheParameter(string query, string parameter)
    {
        var sid = await SeedAsync();

        var response = await api.GetAsync($"/api/services/{sid}/events?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal(("events.paging", parameter), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_PageFarBeyondTheLast_EmptyPageNotTheFirst()
    {
        var sid = await SeedAsync(("+14155550141", "STOP"));

        var json = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/events?page=2147483647&pageSize=500", Ct))!;

        Assert.Equal(1, json["total"]!.GetValue<long>());
        Assert.Empty(json["items"]!.AsArray());
    }

    [Theory]
    [InlineData("to=9999-12-31", "'to' (9999-12-31)")]
    [InlineData("to=0001-01-01", "'to' (0001-01-01)")]
    [InlineData("from=0001-01-01&to=0001-01-05", "'to' (0001-01-05)")]
    [InlineData("from=1969-12-31&to=1970-01-05", "'from' (1969-12-31)")]
    [InlineData("from=9999-12-30&to=9999-12-31", "'to' (9999-12-31)")]
    public async Task ListAndCsv_DayAtTheEndOfTheCalendar_400NotA500(string query, string mentions)
    {
        var sid = await SeedAsync();

        var list = await api.GetAsync($"/api/services/{sid}/events?{query}", Ct);
        var csv = await api.GetAsync($"/api/services/{sid}/events.csv?{query}", Ct);

        foreach (var response in new[] { list, csv })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(mentions, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("from=1970-01-01&to=1970-01-02")]
    [InlineData("to=1970-01-03")]
    [InlineData("from=9999-12-29&to=9999-12-30")]
    public async Task List_FirstAndLastDays_200(string query)
    {
        var sid = await SeedAsync();

        var response = await api.GetAsync($"/api/services/{sid}/events?{query}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_UnknownServiceOrNoKey_404Or401()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/services/MG00000000000000000000000000000000/events", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient(key: null).GetAsync("/api/services/MGx/events", Ct)).StatusCode);
    }

    [Fact]
    public async Task Csv_Api_HeaderAndOneRowPerEventWithFullNumbers()
    {
        var sid = await SeedAsync(("+14155550121", "STOP"), ("+525512345678", "START"));

        var response = await api.GetAsync($"/api/services/{sid}/events.csv", Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,serviceSid,from,country,type,keyword,language,answeredBy,messageSid", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(",+14155550121,US,STOP,STOP,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",+525512345678,MX,START,", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Marketer, "+1415•••0121")]
    [InlineData(Roles.Compliance, "+14155550121")]
    public async Task DashboardExport_Role_NumbersMaskedOnlyForMarketers(string role, string expected)
    {
        var sid = await SeedAsync(("+14155550121", "STOP"));
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(email, "Export!Pass123", role, "test", Ct));
        var browser = await AccountSession.SignInAsync(app, email, "Export!Pass123");

        var csv = await browser.GetStringAsync($"/dashboard/events.csv?service={sid}", Ct);

        Assert.Contains($",{expected},US,STOP,", csv, StringComparison.Ordinal);
        Assert.Equal(role == Roles.Marketer, !csv.Contains("+14155550121", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("service=MG00000000000000000000000000000000", HttpStatusCode.NotFound)]
    [InlineData("to=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("type=NOPE", HttpStatusCode.BadRequest)]
    public async Task DashboardExport_UnknownServiceOrBadFilter_ProblemNotAnEmptyFile(string query, HttpStatusCode expected)
    {
        var email = $"export-{Guid.NewGuid():N}@test.local";
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(email, "Export!Pass123", Roles.Compliance, "test", Ct));
        var browser = await AccountSession.SignInAsync(app, email, "Export!Pass123");

        var response = await browser.GetAsync($"/dashboard/events.csv?{query}", Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DashboardExport_Anonymous_RedirectedToSignIn()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/dashboard/events.csv", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> SeedAsync(params (string From, string Body)[] messages)
    {
        var sid = await TwilioRequests.CreateServiceAsync(api, $"Events {Guid.NewGuid():N}"[..20], _ => { }, Ct);
        var client = app.CreateApiClient(key: null);
        foreach (var (from, body) in messages)
        {
            (await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct)).EnsureSuccessStatusCode();
        }

        return sid;
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : EventsApiTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : EventsApiTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
