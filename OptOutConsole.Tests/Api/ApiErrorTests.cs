using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>An exception that no endpoint answered, outside Development: problem details for an API client, never the error page's HTML (on SQLite and on PostgreSQL).</summary>
public abstract class ApiErrorTests(ConsoleAppFactory app)
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddToBlockList_DatabaseRefuses_503ProblemWithRetryAfterAndNothingStored()
    {
        var created = await client.PostAsJsonAsync("/api/services", new { friendlyName = "Refusing Disk" }, Ct);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
        await TestSql.RefuseInsertsAsync(app, $"refuse_{sid}", "BlockList", $"NEW.\"ServiceSid\" = '{sid}'");

        var response = await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550123", reason = "asked" }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("nothing of it was saved", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await TestSql.AllowInsertsAsync(app, $"refuse_{sid}", "BlockList");
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_DatabaseRefusesTheSecondBatch_503SaysTheFirstWasKept()
    {
        var created = await client.PostAsJsonAsync("/api/services", new { friendlyName = "Refusing Import" }, Ct);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
        await TestSql.RefuseInsertsAsync(app, $"refuse_import_{sid}", "BlockList", $"NEW.\"ServiceSid\" = '{sid}' AND NEW.\"Number\" = '+14155556500'");
        var rows = Enumerable.Range(0, 6_000).Select(i => $"+1415555{1000 + i:D4}");
        var csv = new StringContent(string.Join('\n', rows) + "\n", System.Text.Encoding.UTF8, "text/csv");

        var response = await client.PostAsync($"/api/services/{sid}/block-list/import", csv, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("batches before the refused one were added", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await TestSql.AllowInsertsAsync(app, $"refuse_import_{sid}", "BlockList");
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(OptOutConsole.Core.BlockList.BlockListImporter.BatchSize, list["total"]!.GetValue<int>());
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : ApiErrorTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ApiErrorTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
