using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>The inbound webhook (DESIGN 3.4, 5.1) through HTTP, on SQLite and on PostgreSQL.</summary>
public abstract class TwilioWebhookTests
{
    private const string Us = "+14155550123";
    private const string Mx = "+525512345678";
    private readonly ConsoleAppFactory app;
    private readonly HttpClient client;
    private readonly HttpClient api;

    protected TwilioWebhookTests(ConsoleAppFactory app)
    {
        this.app = app;
        client = app.CreateApiClient(key: null);
        api = app.CreateApiClient();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stop_FromNewNumber_BlocksRecordsEventAndRepliesTwiML()
    {
        var sid = await ServiceAsync("Stop Co");

        var response = await PostAsync(sid, Us, " Stop! ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<Response><Message>Stop Co: You are unsubscribed", xml, StringComparison.Ordinal);
        await using var db = await DbAsync();
        var entry = await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct);
        Assert.Equal(Us, entry.Number);
        Assert.Equal("keyword", entry.Source);
        Assert.Equal("STOP", entry.Keyword);
        var ev = await db.Events.SingleAsync(e => e.ServiceSid == sid, Ct);
        Assert.Equal(("STOP", "STOP", "US", "global"), (ev.Type, ev.Keyword, ev.Country, ev.AnsweredBy));
        Assert.Equal(1, await db.DailyCounters.Where(c => c.ServiceSid == sid).SumAsync(c => c.Count, Ct));
    }

    [Fact]
    public async Task StopTwiceThenStart_KeptOnceThenRemoved()
    {
        var sid = await ServiceAsync("Start Co");

        await PostAsync(sid, Us, "STOP");
        await PostAsync(sid, Us, "unsubscribe");
        await using (var db = await DbAsync())
        {
            Assert.Equal(1, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        }

        var response = await PostAsync(sid, Us, "start");

        Assert.Contains("You are subscribed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var after = await DbAsync();
        Assert.Equal(0, await after.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(3, await after.Events.CountAsync(e => e.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task NoMatch_EmptyResponseNoEventNoBlock()
    {
        var sid = await ServiceAsync("Quiet Co");

        var response = await PostAsync(sid, Us, "stop please");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task Help_FromBlockedNumberWithReplyToHelpOff_NoReplyButEvent()
    {
        var sid = await ServiceAsync("Help Off", d => d["replyToHelpWhenOptedOut"] = false);
        await PostAsync(sid, Us, "STOP");

        var blocked = await PostAsync(sid, Us, "HELP");
        var other = await PostAsync(sid, "+14165550123", "HELP");

        Assert.EndsWith("<Response/>", await blocked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("<Message>", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal(2, await db.Events.CountAsync(e => e.ServiceSid == sid && e.Type == "HELP", Ct));
    }

    [Fact]
    public async Task Help_FromBlockedNumberWithReplyToHelpOn_Replies()
    {
        var sid = await ServiceAsync("Help On");
        await PostAsync(sid, Us, "STOP");

        var response = await PostAsync(sid, Us, "info");

        Assert.Contains("<Message>Help On: For help", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvancedOptOutOff_CustomKeywordIgnoredDefaultAnsweredWithBuiltInReply()
    {
        var sid = await ServiceAsync("Basic Co", d =>
        {
            d["advancedOptOutEnabled"] = false;
            d["global"]!["optOut"]!["keywords"]!.AsArray().Add("BASTA");
            d["global"]!["optOut"]!["reply"] = "Custom goodbye from Basic Co.";
        });

        var custom = await PostAsync(sid, Us, "BASTA");
        var stop = await PostAsync(sid, Us, "STOP");

        Assert.EndsWith("<Response/>", await custom.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var xml = await stop.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Basic Co: You are unsubscribed", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Custom goodbye", xml, StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task CountryOverride_MexicanStop_GetsMexicanReplyAndXmlEscaped()
    {
        var sid = await ServiceAsync("Taco & Co", d => d["countries"] = new JsonArray(new JsonObject
        {
            ["country"] = "MX",
            ["optOut"] = new JsonObject { ["keywords"] = new JsonArray("BAJA"), ["reply"] = "Taco & Co México: baja <ok>." },
            ["optIn"] = new JsonObject { ["keywords"] = new JsonArray(), ["reply"] = "" },
            ["help"] = new JsonObject { ["keywords"] = new JsonArray(), ["reply"] = "" },
        }));

        var mx = await PostAsync(sid, Mx, "Baja");
        var us = await PostAsync(sid, Us, "Baja");

        Assert.Contains("<Message>Taco &amp; Co México: baja &lt;ok&gt;.</Message>", await mx.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.EndsWith("<Response/>", await us.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceByToNumber_WithoutMessagingServiceSid_Found()
    {
        var sid = await ServiceAsync("By To", d => d["senders"] = new JsonArray("+14155550188"));
        var parameters = TwilioRequests.Inbound(Us, "STOP", messagingServiceSid: null, to: "+14155550188");

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, parameters, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task UnknownService_404PlainMessage()
    {
        var parameters = TwilioRequests.Inbound(Us, "STOP", messagingServiceSid: "MG" + new string('f', 32), to: "+19999999999");

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, parameters, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No messaging service", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("tampered")]
    [InlineData("wrong-token")]
    public async Task Signature_Bad_403AndNothingStored(string kind)
    {
        var sid = await ServiceAsync($"Sig {kind}");
        var parameters = TwilioRequests.Inbound(Us, "STOP", sid);
        var request = kind == "wrong-token"
            ? TwilioRequests.Signed(TwilioRequests.SmsPath, parameters, token: "not-the-token")
            : TwilioRequests.Signed(TwilioRequests.SmsPath, parameters);
        if (kind == "missing")
        {
            request.Headers.Remove("X-Twilio-Signature");
        }
        else if (kind == "tampered")
        {
            parameters["Body"] = "START";
            request.Content = new FormUrlEncodedContent(parameters);
        }

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
    }

    [Theory]
    [InlineData("From", "'From' parameter is missing")]
    [InlineData("Body", "'Body' parameter is missing")]
    public async Task MissingField_400WithReason(string field, string reason)
    {
        var sid = await ServiceAsync($"Missing {field}");
        var parameters = TwilioRequests.Inbound(Us, "STOP", sid);
        parameters.Remove(field);

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, parameters, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromNotAPhoneNumber_400()
    {
        var sid = await ServiceAsync("Bad From");

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound("not-a-number", "STOP", sid), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid phone number", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("MX", "MX")]
    public async Task FictionalNumber_ProcessedWithCountryFromTheHint(string? fromCountry, string expectedCountry)
    {
        // +1 555 123 4567 has a possible length but lies in no allocated range: its country cannot be read, so
        // FromCountry decides it (DESIGN 3.2); it is still a sender that can opt out.
        var sid = await ServiceAsync("Fictional Co");
        var parameters = TwilioRequests.Inbound("+15551234567", "STOP", sid);
        if (fromCountry is not null)
        {
            parameters["FromCountry"] = fromCountry;
        }

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, parameters, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Message>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal("+15551234567", (await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Number);
        Assert.Equal(expectedCountry, (await db.Events.SingleAsync(e => e.ServiceSid == sid, Ct)).Country);
    }

    [Theory]
    [InlineData("+1234")]
    [InlineData("+1415555012")]
    [InlineData("hello")]
    public async Task FromTooShortOrNotDigits_400(string from)
    {
        var sid = await ServiceAsync("Short From");

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, "STOP", sid), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task JsonBody_400NotAForm()
    {
        var response = await client.PostAsync(TwilioRequests.SmsPath, new StringContent("{\"From\":\"+14155550123\"}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be a form", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_400()
    {
        var sid = await ServiceAsync("Huge");
        var parameters = TwilioRequests.Inbound(Us, new string('x', 70 * 1024), sid);

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, parameters, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SameMessageSid_PostedTwentyTimesAtOnce_OneEventSameAnswer()
    {
        var sid = await ServiceAsync("Retry Co");
        var parameters = TwilioRequests.Inbound(Us, "STOP", sid);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, parameters, Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)));
        Assert.Single(bodies.Distinct());
        Assert.Contains("<Message>", bodies[0], StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task RetryOfStopAfterStart_AnsweredAsBeforeAndNoNewEffect()
    {
        var sid = await ServiceAsync("Late Retry");
        var stop = TwilioRequests.Inbound(Us, "STOP", sid);
        var first = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, stop, Ct);
        await PostAsync(sid, Us, "START");

        var retry = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, stop, Ct);

        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));
        await using var db = await DbAsync();
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(2, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task RetryAfterConsoleRestart_AnsweredAsBeforeAndNoNewEffect()
    {
        // The fresh console only owns the database; the two consoles over it run one after the other (a restart).
        using var fresh = NewConsole();
        string sid;
        Dictionary<string, string> stop;
        string firstAnswer;
        using (var first = fresh.OnSameDatabase())
        {
            sid = await TwilioRequests.CreateServiceAsync(first.CreateApiClient(), "Restart Retry", _ => { }, Ct);
            stop = TwilioRequests.Inbound(Us, "STOP", sid);
            var webhook = first.CreateApiClient(key: null);
            firstAnswer = await (await TwilioRequests.PostSignedAsync(webhook, TwilioRequests.SmsPath, stop, Ct)).Content.ReadAsStringAsync(Ct);
            await TwilioRequests.PostSignedAsync(webhook, TwilioRequests.SmsPath, TwilioRequests.Inbound(Us, "START", sid), Ct);
        }

        using var second = fresh.OnSameDatabase();
        var retry = await TwilioRequests.PostSignedAsync(second.CreateApiClient(key: null), TwilioRequests.SmsPath, stop, Ct);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstAnswer, await retry.Content.ReadAsStringAsync(Ct));
        Assert.Contains("<Message>", firstAnswer, StringComparison.Ordinal);
        await using var db = await second.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(2, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        Assert.Equal(2, await db.ProcessedMessages.CountAsync(m => m.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task StorageRefusesTheBatch_503NothingStoredThenTheRetrySucceeds()
    {
        var sid = await ServiceAsync("Failing Storage");
        var stop = TwilioRequests.Inbound(Us, "STOP", sid);
        await TestSql.RefuseInsertsAsync(app, $"refuse_{sid}", "ProcessedMessages", $"NEW.\"ServiceSid\" = '{sid}'");

        var failed = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, stop, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Contains("nothing was changed", await failed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using (var db = await DbAsync())
        {
            Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
            Assert.Equal(0, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        }

        await TestSql.AllowInsertsAsync(app, $"refuse_{sid}", "ProcessedMessages");
        var retry = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, stop, Ct);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("<Message>", await retry.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var after = await DbAsync();
        Assert.Equal(1, await after.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(1, await after.Events.CountAsync(e => e.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task SavedConfigChange_UsedByTheVeryNextCall()
    {
        var sid = await ServiceAsync("Live Edit");
        var before = await PostAsync(sid, Us, "PAUSE");
        var document = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["global"]!["optOut"]!["keywords"]!.AsArray().Add("PAUSE");
        var put = await api.PutAsync($"/api/services/{sid}/config", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        put.EnsureSuccessStatusCode();

        var after = await PostAsync(sid, "+14165550123", "pause");

        Assert.EndsWith("<Response/>", await before.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("You are unsubscribed", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusCallback21610_BlocksRecipientWithSourceProvider()
    {
        var sid = await ServiceAsync("Carrier Co");
        var parameters = new Dictionary<string, string>
        {
            ["MessageSid"] = TwilioRequests.NewMessageSid(),
            ["MessageStatus"] = "undelivered",
            ["ErrorCode"] = "21610",
            ["MessagingServiceSid"] = sid,
            ["From"] = "+14155550100",
            ["To"] = Mx,
        };

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.StatusPath, parameters, Ct);
        var check = await api.GetStringAsync($"/api/services/{sid}/recipients/{Uri.EscapeDataString(Mx)}", Ct);

        Assert.True(response.IsSuccessStatusCode);
        var json = JsonNode.Parse(check)!;
        Assert.True(json["blocked"]!.GetValue<bool>());
        Assert.Equal("provider", json["source"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("MessageSid", "SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "'MessageSid' is longer than 64 characters.")]
    [InlineData("To", "not a number", "'To' (not a number) is not a valid phone number.")]
    [InlineData("To", "", "needs 'To'")]
    public async Task StatusCallback21610_BadField_400NamesItAndNothingBlocked(string field, string value, string reason)
    {
        var sid = await ServiceAsync("Carrier Odd");
        var parameters = new Dictionary<string, string>
        {
            ["MessageSid"] = TwilioRequests.NewMessageSid(),
            ["ErrorCode"] = "21610",
            ["MessagingServiceSid"] = sid,
            ["To"] = Mx,
        };
        parameters[field] = value;

        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.StatusPath, parameters, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var list = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Body", "STOP")]
    [InlineData("From", "+14165550199")]
    [InlineData("MessagingServiceSid", "MG00000000000000000000000000000000")]
    public async Task Inbound_ParameterGivenTwice_400AndNothingStored(string name, string second)
    {
        var sid = await ServiceAsync("Twice Co");
        var parameters = TwilioRequests.Inbound(Us, "HELLO", sid).ToList();
        parameters.Add(new(name, second));
        var url = "http://localhost" + TwilioRequests.SmsPath;
        var request = new HttpRequestMessage(HttpMethod.Post, TwilioRequests.SmsPath) { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(url, parameters, ConsoleAppFactory.TwilioAuthToken));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{name}' is given 2 times", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
    }

    [Fact]
    public async Task StatusCallbackUnsigned_403()
    {
        var response = await client.PostAsync(TwilioRequests.StatusPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["ErrorCode"] = "21610" }), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Recipients_AfterStop_BlockedWithKeyword_OtherNumberNotBlocked()
    {
        var sid = await ServiceAsync("Check Co");
        await PostAsync(sid, Us, "cancel");

        var blocked = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/{Us}", Ct))!;
        var free = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/%2B14165550123", Ct))!;
        var bad = await api.GetAsync($"/api/services/{sid}/recipients/12", Ct);
        var unknown = await api.GetAsync($"/api/services/MG{new string('e', 32)}/recipients/{Us}", Ct);

        Assert.True(blocked["blocked"]!.GetValue<bool>());
        Assert.Equal("CANCEL", blocked["keyword"]!.GetValue<string>());
        Assert.Equal("keyword", blocked["source"]!.GetValue<string>());
        Assert.NotNull(blocked["optedOutAt"]);
        Assert.False(free["blocked"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private Task<string> ServiceAsync(string name, Action<JsonNode>? mutate = null) =>
        TwilioRequests.CreateServiceAsync(api, name, mutate ?? (_ => { }), Ct);

    private Task<HttpResponseMessage> PostAsync(string sid, string from, string body) =>
        TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct);

    private Task<AppDbContext> DbAsync() => app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    /// <summary>
    /// A new console of this class's provider over an empty database of its own (dropped when it is disposed). A
    /// restart leaves it unstarted and runs consoles over its database one after the other (<see cref="ConsoleAppFactory.OnSameDatabase"/>).
    /// </summary>
    protected abstract ConsoleAppFactory NewConsole();

    public sealed class OnSqlite(ConsoleAppFactory app) : TwilioWebhookTests(app), IClassFixture<ConsoleAppFactory>
    {
        protected override ConsoleAppFactory NewConsole() => new();
    }

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : TwilioWebhookTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>
    {
        protected override ConsoleAppFactory NewConsole() => new PostgresConsoleAppFactory();
    }
}
