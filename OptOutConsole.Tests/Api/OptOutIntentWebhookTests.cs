using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// Free-text opt-out requests through the Twilio webhook (DESIGN 3.5, issue 12): what each <c>optOutIntent.mode</c>
/// does to the answer, the block list, the events, the review queue and the forwarded request; the 10-business-day
/// deadline with the app's clock moved; a retried MessageSid; the mode's validation over the config API. On a real
/// SQLite file and on PostgreSQL.
/// </summary>
public abstract class OptOutIntentWebhookTests
{
    private const string Us = "+14155550123";
    private const string Request = "please stop texting me";

    private readonly ConsoleAppFactory app;
    private readonly TestClock clock;
    private readonly HttpClient client;
    private readonly HttpClient api;

    protected OptOutIntentWebhookTests(ConsoleAppFactory app, TestClock clock)
    {
        this.app = app;
        this.clock = clock;
        client = app.CreateApiClient(key: null);
        api = app.CreateApiClient();

        // One app serves the class and a test may move its clock: each test starts on the same Thursday afternoon.
        clock.Set(ClockedConsoleAppFactory.Start);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Review_DetectedRequest_NoReplyNoBlockNoEventItemDueTenBusinessDaysLater()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sid = await ServiceAsync("Review Co", "review", receiver.Url);
        var parameters = TwilioRequests.Inbound(Us, Request, sid);

        var response = await PostAsync(parameters);
        var forwarded = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        var item = await db.ReviewItems.SingleAsync(r => r.ServiceSid == sid, Ct);
        Assert.Equal((Us, Request, parameters["MessageSid"], "en", ReviewStatuses.Open), (item.From, item.Body, item.MessageSid, item.Language, item.Status));
        Assert.Equal(ClockedConsoleAppFactory.Start, item.ReceivedAt);

        // Thursday 10 Dec 14:30 UTC + 10 business days (two weekends left out) = Thursday 24 Dec 14:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 14, 30, 0, TimeSpan.Zero), item.DueAt);
        Assert.InRange(item.Score, 0.01, 1.0);
        Assert.Contains("stop", item.Phrase, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(item.Phrase, Request.Substring(item.PhraseStart, item.PhraseLength));
        Assert.Null(item.Decision);
        Assert.Equal("POSSIBLE", forwarded.Form["OptOutIntent"]);
        Assert.False(forwarded.Form.ContainsKey("OptOutType"));
        Assert.Equal(Request, forwarded.Form["Body"]);
    }

    [Theory]
    [InlineData("2026-12-11T23:00:00Z", "2026-12-25T23:00:00Z")] // a Friday: the same time on the Friday two weeks on
    [InlineData("2026-12-12T10:00:00Z", "2026-12-25T10:00:00Z")] // a Saturday counts from Monday: Friday of the second week
    [InlineData("2026-12-13T08:15:00Z", "2026-12-25T08:15:00Z")] // a Sunday too
    [InlineData("2026-12-14T00:00:00Z", "2026-12-28T00:00:00Z")] // a Monday: the Monday two weeks on
    public async Task Review_ReceivedOnDay_DueAfterTenBusinessDays(string received, string due)
    {
        var sid = await ServiceAsync("Due Co", "review");
        clock.Set(DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture));

        await PostAsync(TwilioRequests.Inbound(Us, Request, sid));

        var item = Assert.Single((await ReviewListAsync(sid, "open"))["items"]!.AsArray())!;
        Assert.Equal(DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture), item["receivedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), item["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Review_RetriedMessageSid_OneItemAndTheSameAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sid = await ServiceAsync("Retry Co", "review", receiver.Url);
        var parameters = TwilioRequests.Inbound(Us, Request, sid);

        var first = await PostAsync(parameters);
        var retries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(parameters)));
        var later = await PostAsync(parameters);

        var answer = await first.Content.ReadAsStringAsync(Ct);
        foreach (var response in retries.Append(later))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(answer, await response.Content.ReadAsStringAsync(Ct));
        }

        await using var db = await DbAsync();
        Assert.Equal(1, await db.ReviewItems.CountAsync(r => r.ServiceSid == sid, Ct));
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task Review_SameTextNewMessageSid_SecondItem()
    {
        var sid = await ServiceAsync("Twice Co", "review");

        await PostAsync(TwilioRequests.Inbound(Us, Request, sid));
        await PostAsync(TwilioRequests.Inbound(Us, "I said stop texting me", sid));

        Assert.Equal(2, (await ReviewListAsync(sid, "open"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Review_KeywordMatches_HandledAsTheKeywordAndNoItem()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sid = await ServiceAsync("Keyword Co", "review", receiver.Url);

        var response = await PostAsync(TwilioRequests.Inbound(Us, "STOP", sid));
        var forwarded = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Contains("You are unsubscribed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal("keyword", (await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Source);
        Assert.Equal(0, await db.ReviewItems.CountAsync(r => r.ServiceSid == sid, Ct));
        Assert.Equal("STOP", forwarded.Form["OptOutType"]);
        Assert.False(forwarded.Form.ContainsKey("OptOutIntent"));
    }

    [Fact]
    public async Task Block_DetectedRequest_HandledAsStopWithSourceIntent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sid = await ServiceAsync("Block Co", "block", receiver.Url);
        var parameters = TwilioRequests.Inbound(Us, Request, sid);

        var response = await PostAsync(parameters);
        var forwarded = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var recipient = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14155550123", Ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Response><Message>Block Co: You are unsubscribed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        var entry = await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct);
        Assert.Equal((Us, "intent", parameters["MessageSid"]), (entry.Number, entry.Source, entry.MessageSid));
        Assert.Contains("stop", entry.Keyword, StringComparison.OrdinalIgnoreCase);
        var ev = await db.Events.SingleAsync(e => e.ServiceSid == sid, Ct);
        Assert.Equal(("STOP", "(detected)", "US"), (ev.Type, ev.Keyword, ev.Country));
        Assert.Equal(0, await db.ReviewItems.CountAsync(r => r.ServiceSid == sid, Ct));
        Assert.True(recipient["blocked"]!.GetValue<bool>());
        Assert.Equal("intent", recipient["source"]!.GetValue<string>());
        Assert.Equal("STOP", forwarded.Form["OptOutType"]);
        Assert.False(forwarded.Form.ContainsKey("OptOutIntent"));
    }

    [Fact]
    public async Task Block_SpanishRequestWithSpanishSet_RepliedFromTheSpanishSet()
    {
        var sid = await ServiceAsync("Baja Co", "block", mutate: d => d["languages"] = JsonNode.Parse(
            """
            [{"language": "es",
              "optOut": {"keywords": ["BAJA"], "reply": "Baja Co: te diste de baja. Responde ALTA para volver."},
              "optIn": {"keywords": ["ALTA"], "reply": "Baja Co: alta confirmada. Responde AYUDA para ayuda, BAJA para salir."},
              "help": {"keywords": ["AYUDA"], "reply": "Baja Co: ayuda en https://example.com/ayuda. Responde BAJA para salir."}}]
            """));

        var response = await PostAsync(TwilioRequests.Inbound(Us, "no quiero más mensajes de ustedes", sid));

        Assert.Contains("<Message>Baja Co: te diste de baja.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        var ev = await db.Events.SingleAsync(e => e.ServiceSid == sid, Ct);
        Assert.Equal(("STOP", "(detected)", "es", "language es"), (ev.Type, ev.Keyword, ev.Language, ev.AnsweredBy));
        Assert.Equal("intent", (await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Source);
    }

    [Fact]
    public async Task Block_RetriedMessageSid_OneEventSameAnswer()
    {
        var sid = await ServiceAsync("Block Retry", "block");
        var parameters = TwilioRequests.Inbound(Us, Request, sid);

        var first = await PostAsync(parameters);
        var again = await PostAsync(parameters);

        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        Assert.Equal(1, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task Off_DetectedRequest_NoReplyNoStateNoEventForwardedPlain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sid = await ServiceAsync("Off Co", "off", receiver.Url);

        var response = await PostAsync(TwilioRequests.Inbound(Us, Request, sid));
        var forwarded = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await AssertUntouchedAsync(sid);
        Assert.False(forwarded.Form.ContainsKey("OptOutType"));
        Assert.False(forwarded.Form.ContainsKey("OptOutIntent"));
    }

    [Theory]
    [InlineData("review")]
    [InlineData("block")]
    public async Task AdvancedOptOutOff_DetectedRequest_NoDetection(string mode)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sid = await ServiceAsync("Plain Co", mode, receiver.Url, d => d["advancedOptOutEnabled"] = false);

        var response = await PostAsync(TwilioRequests.Inbound(Us, Request, sid));
        var forwarded = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await AssertUntouchedAsync(sid);
        Assert.False(forwarded.Form.ContainsKey("OptOutType"));
        Assert.False(forwarded.Form.ContainsKey("OptOutIntent"));
    }

    [Fact]
    public async Task Review_OrdinaryText_NothingFiled()
    {
        var sid = await ServiceAsync("Chat Co", "review");

        var response = await PostAsync(TwilioRequests.Inbound(Us, "what time do you open on Sunday?", sid));

        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await AssertUntouchedAsync(sid);
    }

    [Fact]
    public async Task Deadline_ClockMovedToDueDate_OptedOutWithSourceReviewDeadline()
    {
        var sid = await ServiceAsync("Deadline Co", "review");
        await PostAsync(TwilioRequests.Inbound(Us, Request, sid));
        var due = new DateTimeOffset(2026, 12, 24, 14, 30, 0, TimeSpan.Zero);
        var queue = app.Service<ReviewQueue>();

        // A millisecond before the due date (9 business days and then some): the item stays open.
        clock.Set(due.AddMilliseconds(-1));
        await queue.OptOutOverdueAsync(Ct);
        var before = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14155550123", Ct))!;
        var stillOpen = await ReviewListAsync(sid, "open");

        clock.Set(due);
        await queue.OptOutOverdueAsync(Ct);
        var after = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14155550123", Ct))!;
        var decided = await ReviewListAsync(sid, "decided");

        Assert.False(before["blocked"]!.GetValue<bool>());
        Assert.Equal(1, stillOpen["total"]!.GetValue<int>());
        Assert.True(after["blocked"]!.GetValue<bool>());
        Assert.Equal("review-deadline", after["source"]!.GetValue<string>());
        Assert.Equal(due, after["optedOutAt"]!.GetValue<DateTimeOffset>());
        var item = Assert.Single(decided["items"]!.AsArray())!;
        Assert.Equal(("decided", "optOut", ReviewDecisions.DeadlineActor), (item["status"]!.GetValue<string>(), item["decision"]!.GetValue<string>(), item["decidedBy"]!.GetValue<string>()));
        Assert.Equal(due, item["decidedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0, (await ReviewListAsync(sid, "open"))["total"]!.GetValue<int>());
        await using var db = await DbAsync();
        var audit = await db.Audit.SingleAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct);
        Assert.Equal((ReviewDecisions.DeadlineActor, "opted-out", Us), (audit.Actor, audit.Action, audit.Target));
        Assert.Contains("review-deadline", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_DecidedBeforeDueDate_NotOptedOutAgain()
    {
        var sid = await ServiceAsync("Dismissed Co", "review");
        await PostAsync(TwilioRequests.Inbound(Us, Request, sid));
        var id = (await ReviewListAsync(sid, "open"))["items"]![0]!["id"]!.GetValue<long>();
        var dismissed = await api.PostAsync($"/api/services/{sid}/review/{id}", Json("""{"decision": "dismiss", "reason": "Asked about a store, not the texts"}"""), Ct);

        clock.Set(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero));
        await app.Service<ReviewQueue>().OptOutOverdueAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        var recipient = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14155550123", Ct))!;
        Assert.False(recipient["blocked"]!.GetValue<bool>());
        var item = Assert.Single((await ReviewListAsync(sid, "decided"))["items"]!.AsArray())!;
        Assert.Equal("dismiss", item["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetConfig_NewService_ModeReview()
    {
        var created = await TwilioRequests.CreateServiceAsync(api, "Default Co", _ => { }, Ct);

        var document = JsonNode.Parse(await api.GetStringAsync($"/api/services/{created}/config", Ct))!;

        Assert.Equal("review", document["optOutIntent"]!["mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("stop")]
    public async Task PutConfig_UnknownMode_400AtOptOutIntentModeAndNotSaved(string mode)
    {
        var sid = await ServiceAsync("Mode Co", "block");
        var document = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["optOutIntent"]!["mode"] = mode;

        var response = await api.PutAsync($"/api/services/{sid}/config", Json(document.ToJsonString()), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]!.AsArray();
        var problem = Assert.Single(problems, p => p!["code"]!.GetValue<string>() == "intent.mode")!;
        Assert.Equal(("optOutIntent.mode", "error"), (problem["path"]!.GetValue<string>(), problem["severity"]!.GetValue<string>()));
        var saved = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("block", saved["optOutIntent"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutConfig_ModeOff_200WithLintWarning()
    {
        var sid = await ServiceAsync("Lint Co", "review");
        var document = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["optOutIntent"]!["mode"] = "Off";

        var response = await api.PutAsync($"/api/services/{sid}/config", Json(document.ToJsonString()), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["warnings"]!.AsArray();
        var warning = Assert.Single(warnings, w => w!["code"]!.GetValue<string>() == "lint.intent-off")!;
        Assert.Equal("optOutIntent.mode", warning["path"]!.GetValue<string>());
        var saved = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("off", saved["optOutIntent"]!["mode"]!.GetValue<string>());
    }

    private async Task AssertUntouchedAsync(string sid)
    {
        await using var db = await DbAsync();
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.ReviewItems.CountAsync(r => r.ServiceSid == sid, Ct));
    }

    private Task<string> ServiceAsync(string name, string mode, string? webhookUrl = null, Action<JsonNode>? mutate = null) =>
        TwilioRequests.CreateServiceAsync(api, name, d =>
        {
            d["optOutIntent"]!["mode"] = mode;
            d["webhookUrl"] = webhookUrl;
            mutate?.Invoke(d);
        }, Ct);

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> parameters) =>
        TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, parameters, Ct);

    private async Task<JsonNode> ReviewListAsync(string sid, string status) =>
        JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/review?status={status}", Ct))!;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<AppDbContext> DbAsync() => app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    public sealed class OnSqlite(ClockedConsoleAppFactory app) : OptOutIntentWebhookTests(app, app.Clock), IClassFixture<ClockedConsoleAppFactory>;

    public sealed class OnPostgres(ClockedPostgresConsoleAppFactory app) : OptOutIntentWebhookTests(app.RequireDatabase(), app.Clock), IClassFixture<ClockedPostgresConsoleAppFactory>;
}
