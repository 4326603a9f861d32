using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// Access to a subscriber's data (issue 13): <c>GET /api/subscribers/{e164}</c> lists what the console stores about the
/// number across services, after real webhooks, a saved test case and a review item; on SQLite and on PostgreSQL.
/// </summary>
public abstract class SubscribersApiTests(ConsoleAppFactory app)
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_AfterWebhooksTestCaseAndReview_ListsEverythingAcrossServices()
    {
        const string number = "+14155550161";
        var first = await ServiceAsync();
        var second = await ServiceAsync();
        await PostAsync(first, number, "STOP");
        await PostAsync(first, number, "START");
        await PostAsync(first, number, "please stop texting me");
        await PostAsync(second, number, "STOP");
        await PostAsync(second, "+14155550162", "STOP");
        var testCase = await client.PostAsJsonAsync($"/api/services/{first}/test-cases", new { name = "subscriber case", from = number, body = "Stop" }, Ct);
        testCase.EnsureSuccessStatusCode();

        var data = JsonNode.Parse(await client.GetStringAsync($"/api/subscribers/{Uri.EscapeDataString(number)}", Ct))!;

        Assert.Equal(number, data["number"]!.GetValue<string>());
        var blocked = data["blockList"]!.AsArray();
        Assert.Equal([second], blocked.Select(b => b!["serviceSid"]!.GetValue<string>()).Where(s => s == first || s == second));
        Assert.Equal("STOP", blocked.Single(b => b!["serviceSid"]!.GetValue<string>() == second)!["keyword"]!.GetValue<string>());
        var events = data["events"]!.AsArray().Where(e => e!["serviceSid"]!.GetValue<string>() is var s && (s == first || s == second)).ToList();
        Assert.Equal(["STOP", "START", "STOP"], events.Select(e => e!["type"]!.GetValue<string>()));
        Assert.All(events, e => Assert.StartsWith("SM", e!["messageSid"]!.GetValue<string>(), StringComparison.Ordinal));
        var kinds = data["other"]!.AsArray().Where(o => o!["serviceSid"]?.GetValue<string>() == first).Select(o => o!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("reviewItem", kinds);
        Assert.Contains("testCase", kinds);
        Assert.DoesNotContain("+14155550162", data.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EventsPaged_TotalAndPageSize()
    {
        const string number = "+14155550163";
        var sid = await ServiceAsync();
        foreach (var body in new[] { "STOP", "START", "HELP", "STOP", "START" })
        {
            await PostAsync(sid, number, body);
        }

        var page = JsonNode.Parse(await client.GetStringAsync($"/api/subscribers/{Uri.EscapeDataString(number)}?page=2&pageSize=2", Ct))!;

        Assert.Equal(5, page["eventsTotal"]!.GetValue<int>());
        Assert.Equal((2, 2), (page["page"]!.GetValue<int>(), page["pageSize"]!.GetValue<int>()));
        Assert.Equal(["HELP", "STOP"], page["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Get_NothingStored_EmptyLists()
    {
        var data = JsonNode.Parse(await client.GetStringAsync("/api/subscribers/%2B14155550164", Ct))!;

        Assert.Empty(data["blockList"]!.AsArray());
        Assert.Empty(data["events"]!.AsArray());
        Assert.Equal(0, data["eventsTotal"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("4155550123", "number.invalid", "e164")]
    [InlineData("%2B1415555012", "number.invalid", "e164")]
    [InlineData("%2B14155550123?pageSize=abc", "subscriber.paging", "pageSize")]
    public async Task Get_Invalid_400NamingIt(string path, string code, string problemPath)
    {
        var response = await client.GetAsync($"/api/subscribers/{path}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal((code, problemPath), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Get_NoApiKey_401()
    {
        var response = await app.CreateApiClient(key: null).GetAsync("/api/subscribers/%2B14155550161", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    [InlineData(Roles.Compliance, HttpStatusCode.OK)]
    [InlineData(Roles.Marketer, HttpStatusCode.Redirect)]
    public async Task ConsoleDownloads_NationalNumber_JsonAndCsvForEditorsOnly(string role, HttpStatusCode expected)
    {
        const string number = "+14155550170";
        var sid = await ServiceAsync();
        await PostAsync(sid, number, "STOP");
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(email, "Role!Pass123", role, "test", Ct));
        var browser = await AccountSession.SignInAsync(app, email, "Role!Pass123");

        var json = await browser.GetAsync("/subscribers/export.json?number=(415)%20555-0170&country=US", Ct);
        var csv = await browser.GetAsync("/subscribers/export.csv?number=4155550170&country=US", Ct);

        Assert.Equal((expected, expected), (json.StatusCode, csv.StatusCode));
        if (expected == HttpStatusCode.OK)
        {
            var data = JsonNode.Parse(await json.Content.ReadAsStringAsync(Ct))!;
            Assert.Equal(number, data["number"]!.GetValue<string>());
            Assert.Contains(data["blockList"]!.AsArray(), b => b!["serviceSid"]!.GetValue<string>() == sid);
            var rows = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("kind,serviceSid,time,type,keyword,source,messageSid,detail", rows[0]);
            Assert.Contains(rows, r => r.StartsWith($"blockList,{sid},", StringComparison.Ordinal) && r.Contains(",STOP,keyword,SM", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StartsWith($"event,{sid},", StringComparison.Ordinal) && r.Contains(",STOP,STOP,", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ConsoleDownload_NotANumber_400NamingIt()
    {
        var browser = await AccountSession.SignInAsync(app, ConsoleAppFactory.AdminEmail, ConsoleAppFactory.AdminPassword);

        var response = await browser.GetAsync("/subscribers/export.json?number=415555&country=US", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("number", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!["path"]!.GetValue<string>());
    }

    private async Task PostAsync(string sid, string from, string body)
    {
        var response = await TwilioRequests.PostSignedAsync(app.CreateApiClient(key: null), TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct);
        response.EnsureSuccessStatusCode();
    }

    private Task<string> ServiceAsync() =>
        TwilioRequests.CreateServiceAsync(client, $"Subscriber {Guid.NewGuid():N}"[..24], d => d["senders"] = new JsonArray(), Ct);

    public sealed class OnSqlite(ConsoleAppFactory app) : SubscribersApiTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : SubscribersApiTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
