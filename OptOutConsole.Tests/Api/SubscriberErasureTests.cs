using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// Erasure of a subscriber (issue 13): <c>DELETE /api/subscribers/{e164}?reason=</c>, after which the number is in no
/// table in any format (on SQLite not in the file's bytes or its WAL either), the send check still says blocked, the
/// dashboard's figures are the same and a later STOP then START from the number work as for anyone; on both providers.
/// </summary>
public abstract class SubscriberErasureTests(ConsoleAppFactory app)
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erase_BlockedNumber_GoneFromEveryTable_StillBlocked_FiguresUnchanged_StopStartWorkAfter()
    {
        const string number = "+14155550165";
        var sid = await ServiceAsync();
        foreach (var body in new[] { "STOP", "HELP", "START", "STOP" })
        {
            await PostAsync(sid, number, body);
        }

        await PostAsync(sid, number, "please stop texting me");
        (await client.PostAsJsonAsync($"/api/services/{sid}/test-cases", new { name = "erasure case", from = number, body = "Stop" }, Ct)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550166", reason = "A neighbour of the erased number" }, Ct)).EnsureSuccessStatusCode();
        var figures = await FiguresAsync(sid);
        Assert.NotEmpty(await StoredAsync(number));

        var response = await client.DeleteAsync($"/api/subscribers/{Uri.EscapeDataString(number)}?reason=GDPR%20request%204411", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var erased = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.True(erased["erased"]!.GetValue<bool>());
        Assert.Equal(1, erased["blockListEntriesKept"]!.GetValue<int>());
        Assert.Equal(4, erased["eventsPseudonymised"]!.GetValue<int>());

        Assert.True(await BlockedAsync(sid, number));
        Assert.Equal(figures, await FiguresAsync(sid));
        Assert.Empty(await StoredAsync(number));
        if (app.DatabasePath is { } path)
        {
            Assert.Empty(InFileBytes(path, number));
        }

        var access = JsonNode.Parse(await client.GetStringAsync($"/api/subscribers/{Uri.EscapeDataString(number)}", Ct))!;
        Assert.Empty(access["blockList"]!.AsArray());
        Assert.Equal(0, access["eventsTotal"]!.GetValue<int>());
        Assert.Empty(access["other"]!.AsArray());
        var audit = await app.ScalarAsync("""SELECT COUNT(*) FROM "Audit" WHERE "Area" = 'privacy' AND "Details" LIKE '%GDPR request 4411%'""");
        Assert.Equal(1, audit);
        // The neighbour was not touched.
        Assert.True(await BlockedAsync(sid, "+14155550166"));

        // A later STOP and START from the number work as for anyone: START takes it off the list, whichever form it is kept in.
        await PostAsync(sid, number, "STOP");
        Assert.True(await BlockedAsync(sid, number));
        await PostAsync(sid, number, "START");
        Assert.False(await BlockedAsync(sid, number));
    }

    [Fact]
    public async Task Erase_NumberNeverStored_404()
    {
        var response = await client.DeleteAsync("/api/subscribers/%2B14155550167?reason=asked", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Erase_Twice_SecondIs404_AndTheNumberStaysBlocked()
    {
        const string number = "+14155550168";
        var sid = await ServiceAsync();
        await PostAsync(sid, number, "STOP");

        var first = await client.DeleteAsync($"/api/subscribers/{Uri.EscapeDataString(number)}?reason=asked", Ct);
        var second = await client.DeleteAsync($"/api/subscribers/{Uri.EscapeDataString(number)}?reason=asked%20again", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (first.StatusCode, second.StatusCode));
        Assert.True(await BlockedAsync(sid, number));
    }

    [Theory]
    [InlineData("4155550169?reason=x", "number.invalid", "e164")]
    [InlineData("%2B14155550169", "erasure.reason", "reason")]
    [InlineData("%2B14155550169?reason=%20", "erasure.reason", "reason")]
    [InlineData("%2B14155550169?reason=number%2014155550169", "erasure.reason", "reason")]
    public async Task Erase_Invalid_400NamingIt_NothingChanged(string path, string code, string problemPath)
    {
        var sid = await ServiceAsync();
        await PostAsync(sid, "+14155550169", "STOP");

        var response = await client.DeleteAsync($"/api/subscribers/{path}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal((code, problemPath), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
        Assert.Equal(1, await app.ScalarAsync("""SELECT COUNT(*) FROM "BlockList" WHERE "Number" = '+14155550169' AND "ServiceSid" = @p0""", sid));
    }

    [Fact]
    public async Task Erase_NoApiKey_401()
    {
        var response = await app.CreateApiClient(key: null).DeleteAsync("/api/subscribers/%2B14155550165?reason=x", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The forms a number can be recognised in: E.164, its digits, the national digits and common national formats.</summary>
    private static string[] Forms(string e164) => [e164, e164[1..], e164[2..], $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}", $"{e164[2..5]}-{e164[5..8]}-{e164[8..]}", $"{e164[..5]}•••{e164[^4..]}"];

    /// <summary>Every text column of every table that holds one of the number's forms, as table.column.</summary>
    private async Task<List<string>> StoredAsync(string e164)
    {
        await using var connection = await app.Service<AppDatabase>().OpenAsync(Ct);
        var columns = new List<(string Table, string Column)>();
        var sql = app.Provider == DatabaseProvider.Sqlite
            ? "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table' AND (p.type LIKE '%TEXT%' OR p.type LIKE '%BLOB%' OR p.type = '')"
            : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')";
        await using (var command = TestSql.Command(connection, null, sql))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(columns, c => c.Table == "Events" && c.Column == "From");
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var form in Forms(e164))
            {
                var text = app.Provider == DatabaseProvider.Sqlite ? $"CAST(\"{column}\" AS TEXT)" : $"\"{column}\"::text";
                await using var command = TestSql.Command(connection, null, $"SELECT COUNT(*) FROM \"{table}\" WHERE {text} LIKE @p0", "%" + form + "%");
                if (Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    found.Add($"{table}.{column} ({form})");
                }
            }
        }

        return found;
    }

    /// <summary>The forms of the number found in the raw bytes of the SQLite file, its WAL and its shared memory.</summary>
    private static List<string> InFileBytes(string path, string e164)
    {
        var found = new List<string>();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            foreach (var form in Forms(e164))
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) >= 0)
                {
                    found.Add($"{Path.GetFileName(file)} ({form})");
                }
            }
        }

        return found;
    }

    /// <summary>The service's figures as the dashboard counts them: events and daily counters by type and country.</summary>
    private async Task<string> FiguresAsync(string sid)
    {
        var parts = new List<string>();
        foreach (var type in new[] { "STOP", "START", "HELP" })
        {
            parts.Add($"{type}: {await app.ScalarAsync("""SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @p0 AND "Type" = @p1 AND "Country" = 'US'""", sid, type)} events, "
                + $"{await app.ScalarAsync("""SELECT COALESCE(SUM("Count"), 0) FROM "DailyCounters" WHERE "ServiceSid" = @p0 AND "Type" = @p1""", sid, type)} counted");
        }

        // And as the dashboard shows them: totals, countries and keywords of the last seven days.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var summary = await app.Service<DashboardService>().SummaryAsync(new DashboardFilter(sid, today.AddDays(-6), today), Ct);
        parts.Add($"dashboard {summary.Totals}; {string.Join(", ", summary.Countries)}; {string.Join(", ", summary.TopKeywords)}");
        return string.Join("; ", parts);
    }

    private async Task<bool> BlockedAsync(string sid, string number) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/recipients/{Uri.EscapeDataString(number)}", Ct))!["blocked"]!.GetValue<bool>();

    private async Task PostAsync(string sid, string from, string body)
    {
        var response = await TwilioRequests.PostSignedAsync(app.CreateApiClient(key: null), TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct);
        response.EnsureSuccessStatusCode();
    }

    private Task<string> ServiceAsync() =>
        TwilioRequests.CreateServiceAsync(client, $"Erasure {Guid.NewGuid():N}"[..24], d => d["senders"] = new JsonArray(), Ct);

    public sealed class OnSqlite(ConsoleAppFactory app) : SubscriberErasureTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : SubscriberErasureTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
