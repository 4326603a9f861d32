using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// The review queue over the JSON API (DESIGN 5.2, issue 12): <c>GET /api/services/{sid}/review</c> and
/// <c>POST /api/services/{sid}/review/{id}</c>, their errors, who may call them, on SQLite and on PostgreSQL. The items
/// come from the webhook, as in production.
/// </summary>
public abstract class ReviewApiTests(ConsoleAppFactory app)
{
    private const string Us = "+14155550123";
    private const string Other = "+14155550124";

    private readonly HttpClient api = app.CreateApiClient();
    private readonly HttpClient webhook = app.CreateApiClient(key: null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_OpenItems_EveryFieldOldestDueFirst()
    {
        var sid = await ServiceAsync();
        await FileAsync(sid, Us, "please stop texting me");
        await FileAsync(sid, Other, "remove me from your list");

        var response = await api.GetAsync($"/api/services/{sid}/review", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal((2, 1, 50), (page["total"]!.GetValue<int>(), page["page"]!.GetValue<int>(), page["pageSize"]!.GetValue<int>()));
        var items = page["items"]!.AsArray();
        Assert.Equal([Us, Other], items.Select(i => i!["from"]!.GetValue<string>()));
        var first = items[0]!.AsObject();
        Assert.Equal(
            ["id", "from", "body", "receivedAt", "dueAt", "score", "phrase", "phraseStart", "phraseLength", "language", "status", "decision", "reason", "decidedBy", "decidedAt"],
            first.Select(p => p.Key));
        Assert.Equal(("please stop texting me", "en", "open"), (first["body"]!.GetValue<string>(), first["language"]!.GetValue<string>(), first["status"]!.GetValue<string>()));
        Assert.True(first["dueAt"]!.GetValue<DateTimeOffset>() >= first["receivedAt"]!.GetValue<DateTimeOffset>().AddDays(12));
        Assert.InRange(first["score"]!.GetValue<double>(), 0.01, 1.0);
        Assert.False(string.IsNullOrEmpty(first["phrase"]!.GetValue<string>()));
        Assert.All(["decision", "reason", "decidedBy", "decidedAt"], k => Assert.Null(first[k]));
    }

    [Fact]
    public async Task List_PageSizeOne_SecondPageHoldsTheSecondItem()
    {
        var sid = await ServiceAsync();
        await FileAsync(sid, Us, "please stop texting me");
        await FileAsync(sid, Other, "remove me from your list");

        var page = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status=open&page=2&pageSize=1", Ct))!;

        Assert.Equal((2, 2, 1), (page["total"]!.GetValue<int>(), page["page"]!.GetValue<int>(), page["pageSize"]!.GetValue<int>()));
        Assert.Equal(Other, Assert.Single(page["items"]!.AsArray())!["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task Decide_OptOut_200DecidedBlockedWithSourceReviewAndAudited()
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");

        var response = await DecideAsync(sid, id, """{"decision": "optOut", "reason": "Asked to stop in words"}""");
        var recipient = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14155550123", Ct))!;
        var open = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status=open", Ct))!;
        var decided = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status=decided", Ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(id, item["id"]!.GetValue<long>());
        Assert.Equal(("decided", "optOut", "Asked to stop in words"), (item["status"]!.GetValue<string>(), item["decision"]!.GetValue<string>(), item["reason"]!.GetValue<string>()));
        Assert.Equal("api-key:bootstrap", item["decidedBy"]!.GetValue<string>());
        Assert.NotNull(item["decidedAt"]);
        Assert.True(recipient["blocked"]!.GetValue<bool>());
        Assert.Equal("review", recipient["source"]!.GetValue<string>());
        Assert.Equal(0, open["total"]!.GetValue<int>());
        Assert.Equal(id, Assert.Single(decided["items"]!.AsArray())!["id"]!.GetValue<long>());
        await using var db = await DbAsync();
        var audit = await db.Audit.SingleAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct);
        Assert.Equal(("api-key:bootstrap", "opted-out", Us), (audit.Actor, audit.Action, audit.Target));
        Assert.Contains("Asked to stop in words", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_Dismiss_200NotBlockedAndAudited()
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");

        var response = await DecideAsync(sid, id, """{"decision": "dismiss", "reason": "Talking about a parking ticket"}""");
        var recipient = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14155550123", Ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dismiss", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["decision"]!.GetValue<string>());
        Assert.False(recipient["blocked"]!.GetValue<bool>());
        await using var db = await DbAsync();
        Assert.Equal("dismissed", (await db.Audit.SingleAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct)).Action);
    }

    [Fact]
    public async Task Decide_NumberAlreadyBlocked_200AndTheFirstSourceStays()
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");
        await webhook.SendAsync(TwilioRequests.Signed(TwilioRequests.SmsPath, TwilioRequests.Inbound(Us, "STOP", sid)), Ct);

        var response = await DecideAsync(sid, id, """{"decision": "optOut", "reason": "Asked twice"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await DbAsync();
        Assert.Equal("keyword", (await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Source);
        Assert.Contains("already on the block list", (await db.Audit.SingleAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct)).Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("optOut", "dismiss")]
    [InlineData("dismiss", "optOut")]
    [InlineData("optOut", "optOut")]
    public async Task Decide_SecondDecision_409AndTheFirstStands(string first, string second)
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");

        var one = await DecideAsync(sid, id, $$"""{"decision": "{{first}}", "reason": "first"}""");
        var two = await DecideAsync(sid, id, $$"""{"decision": "{{second}}", "reason": "second"}""");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, two.StatusCode);
        Assert.Equal("application/problem+json", two.Content.Headers.ContentType?.MediaType);
        var item = Assert.Single(JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status=decided", Ct))!["items"]!.AsArray())!;
        Assert.Equal((first, "first"), (item["decision"]!.GetValue<string>(), item["reason"]!.GetValue<string>()));
        var recipient = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14155550123", Ct))!;
        Assert.Equal(first == "optOut", recipient["blocked"]!.GetValue<bool>());
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct));
    }

    [Fact]
    public async Task Decide_TwoAtOnce_OneDecidesTheOther409()
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");

        var both = await Task.WhenAll(
            DecideAsync(sid, id, """{"decision": "optOut", "reason": "one"}"""),
            DecideAsync(sid, id, """{"decision": "dismiss", "reason": "two"}"""));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct));
    }

    [Theory]
    [InlineData("""{"decision": "block", "reason": "x"}""", "review.decision", "decision")]
    [InlineData("""{"decision": "OPTOUT", "reason": "x"}""", "review.decision", "decision")]
    [InlineData("""{"reason": "x"}""", "review.decision", "decision")]
    [InlineData("""{"decision": "optOut"}""", "review.reason", "reason")]
    [InlineData("""{"decision": "dismiss", "reason": "   "}""", "review.reason", "reason")]
    [InlineData("not json", "request.json", null)]
    public async Task Decide_Invalid_400NamesTheFieldAndTheItemStaysOpen(string body, string code, string? path)
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");

        var response = await DecideAsync(sid, id, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        if (path is not null)
        {
            Assert.Equal(path, problem["path"]!.GetValue<string>());
        }

        Assert.Equal(1, JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status=open", Ct))!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Decide_ReasonTooLong_400NamesReason()
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");

        var response = await DecideAsync(sid, id, $$"""{"decision": "optOut", "reason": "{{new string('r', 501)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("reason", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!["path"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("-1", HttpStatusCode.BadRequest)]
    [InlineData("999999999", HttpStatusCode.NotFound)]
    public async Task Decide_OddId_400OrNotFound(string id, HttpStatusCode expected)
    {
        var sid = await ServiceAsync();

        var response = await api.PostAsync($"/api/services/{sid}/review/{id}", Json("""{"decision": "optOut", "reason": "x"}"""), Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("id", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!["path"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Decide_ItemOfAnotherService_404AndItStaysOpen()
    {
        var sid = await ServiceAsync();
        var other = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");

        var response = await DecideAsync(other, id, """{"decision": "optOut", "reason": "x"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review", Ct))!["total"]!.GetValue<int>());
        Assert.Equal(0, JsonNode.Parse(await api.GetStringAsync($"/api/services/{other}/review", Ct))!["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("?status=closed", "review.status", "status")]
    [InlineData("?page=abc", "review.paging", "page")]
    [InlineData("?pageSize=1.5", "review.paging", "pageSize")]
    public async Task List_Invalid_400NamesTheParameter(string query, string code, string path)
    {
        var sid = await ServiceAsync();

        var response = await api.GetAsync($"/api/services/{sid}/review{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal((code, path), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/1")]
    public async Task UnknownService_404Problem(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/services/MG{new string('0', 32)}/review{path}")
        {
            Content = method == "POST" ? Json("""{"decision": "optOut", "reason": "x"}""") : null,
        };

        var response = await api.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListAndDecide_NoKeyOrRevokedKey_401AndNothingDecided()
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");
        var keys = app.Service<ApiKeyService>();
        var (key, secret) = await keys.CreateAsync($"review-{Guid.NewGuid():N}"[..20], "test", Ct);
        await keys.RevokeAsync(key.Id, "test", Ct);

        foreach (var client in new[] { app.CreateApiClient(key: null), app.CreateApiClient(secret), app.CreateApiClient("ooc_not_a_key") })
        {
            var list = await client.GetAsync($"/api/services/{sid}/review", Ct);
            var decide = await client.PostAsync($"/api/services/{sid}/review/{id}", Json("""{"decision": "optOut", "reason": "x"}"""), Ct);

            Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, decide.StatusCode);
        }

        Assert.Equal(1, JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status=open", Ct))!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListAndDecide_KeyAnAdminCreated_200()
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");
        var (_, secret) = await app.Service<ApiKeyService>().CreateAsync($"review-{Guid.NewGuid():N}"[..20], ConsoleAppFactory.AdminEmail, Ct);
        var client = app.CreateApiClient(secret);

        var list = await client.GetAsync($"/api/services/{sid}/review", Ct);
        var decide = await client.PostAsync($"/api/services/{sid}/review/{id}", Json("""{"decision": "dismiss", "reason": "Not about the texts"}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decide.StatusCode);
        Assert.StartsWith("api-key:review-", JsonNode.Parse(await decide.Content.ReadAsStringAsync(Ct))!["decidedBy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The API takes API keys, which only Admins create (DESIGN 6): a signed-in console session, whatever its role,
    /// gets nothing from it, so a Marketer can neither read the queue (numbers in clear) nor decide an item.
    /// </summary>
    [Theory]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Compliance)]
    [InlineData(Roles.Admin)]
    public async Task ListAndDecide_SignedInSessionWithoutKey_401AndNothingDecided(string role)
    {
        var sid = await ServiceAsync();
        var id = await FileAsync(sid, Us, "please stop texting me");
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(email, "Review!Pass123", role, "test", Ct));
        var browser = await AccountSession.SignInAsync(app, email, "Review!Pass123");

        var list = await browser.GetAsync($"/api/services/{sid}/review", Ct);
        var decide = await browser.PostAsync($"/api/services/{sid}/review/{id}", Json("""{"decision": "optOut", "reason": "x"}"""), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, decide.StatusCode);
        Assert.DoesNotContain(Us, await list.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status=open", Ct))!["total"]!.GetValue<int>());
    }

    private async Task<string> ServiceAsync() =>
        await TwilioRequests.CreateServiceAsync(api, $"Review {Guid.NewGuid():N}"[..20], d => d["optOutIntent"]!["mode"] = "review", Ct);

    /// <summary>Sends a text through the webhook and returns the id of the review item it filed.</summary>
    private async Task<long> FileAsync(string sid, string from, string body)
    {
        var parameters = TwilioRequests.Inbound(from, body, sid);
        var response = await webhook.SendAsync(TwilioRequests.Signed(TwilioRequests.SmsPath, parameters), Ct);
        response.EnsureSuccessStatusCode();
        await using var db = await DbAsync();
        return (await db.ReviewItems.SingleAsync(r => r.ServiceSid == sid && r.MessageSid == parameters["MessageSid"], Ct)).Id;
    }

    private Task<HttpResponseMessage> DecideAsync(string sid, long id, string body) =>
        api.PostAsync($"/api/services/{sid}/review/{id}", Json(body), Ct);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<AppDbContext> DbAsync() => app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    public sealed class OnSqlite(ConsoleAppFactory app) : ReviewApiTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ReviewApiTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
