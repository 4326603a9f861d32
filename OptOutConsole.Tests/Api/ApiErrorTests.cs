using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OptOutConsole.Core.Persistence.Sqlite;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>An exception that no endpoint answered, outside Development: problem details for an API client, never the error page's HTML.</summary>
public sealed class ApiErrorTests(ConsoleAppFactory app) : IClassFixture<ConsoleAppFactory>
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddToBlockList_DatabaseRefuses_503ProblemWithRetryAfterAndNothingStored()
    {
        var created = await client.PostAsJsonAsync("/api/services", new { friendlyName = "Refusing Disk" }, Ct);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
        await ExecuteAsync($"CREATE TRIGGER refuse_{sid} BEFORE INSERT ON BlockList WHEN NEW.ServiceSid = '{sid}' BEGIN SELECT RAISE(ABORT, 'disk said no'); END;");

        var response = await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550123", reason = "asked" }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("nothing of it was saved", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ExecuteAsync($"DROP TRIGGER refuse_{sid};");
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_DatabaseRefusesTheSecondBatch_503SaysTheFirstWasKept()
    {
        var created = await client.PostAsJsonAsync("/api/services", new { friendlyName = "Refusing Import" }, Ct);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
        await ExecuteAsync($"CREATE TRIGGER refuse_import_{sid} BEFORE INSERT ON BlockList WHEN NEW.ServiceSid = '{sid}' AND NEW.Number = '+14155556500' BEGIN SELECT RAISE(ABORT, 'disk said no'); END;");
        var rows = Enumerable.Range(0, 6_000).Select(i => $"+1415555{1000 + i:D4}");
        var csv = new StringContent(string.Join('\n', rows) + "\n", System.Text.Encoding.UTF8, "text/csv");

        var response = await client.PostAsync($"/api/services/{sid}/block-list/import", csv, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("batches before the refused one were added", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ExecuteAsync($"DROP TRIGGER refuse_import_{sid};");
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(OptOutConsole.Core.BlockList.BlockListImporter.BatchSize, list["total"]!.GetValue<int>());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(app.Service<SqliteDatabase>().ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
