using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Cluster;

/// <summary>
/// Two console instances on one PostgreSQL database (issue 11): whatever one instance commits, the other one's
/// webhook, send check, dashboard, outbox and API-key check act on.
/// </summary>
public sealed class TwoInstanceTests : IClassFixture<TwoConsoles>
{
    private const string Sender = "+14155550100";
    private readonly TwoConsoles consoles;

    public TwoInstanceTests(TwoConsoles consoles)
    {
        PostgresServer.Require();
        this.consoles = consoles;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConsoleAppFactory A => consoles.A;

    private ConsoleAppFactory B => consoles.B;

    [Fact]
    public async Task SameMessageSid_TwentyTimesAtOnceOverBothInstances_OneEventOneAnswer()
    {
        var (sid, to) = await ServiceAsync();
        var parameters = TwilioRequests.Inbound(Number(), "STOP", to: to);
        var clients = new[] { A.CreateApiClient(key: null), B.CreateApiClient(key: null) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => TwilioRequests.PostSignedAsync(clients[i % 2], TwilioRequests.SmsPath, parameters, Ct), Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)));
        Assert.Single(answers.Distinct());
        Assert.Contains("<Message>", answers[0], StringComparison.Ordinal);
        Assert.Equal(1, await A.ScalarAsync("""SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @p0""", sid));
        Assert.Equal(1, await A.ScalarAsync("""SELECT COUNT(*) FROM "ProcessedMessages" WHERE "MessageSid" = @p0""", parameters["MessageSid"]));
        Assert.Equal(1, await A.ScalarAsync("""SELECT COALESCE(SUM("Count"), 0) FROM "DailyCounters" WHERE "ServiceSid" = @p0""", sid));
    }

    [Fact]
    public async Task StopThroughA_SendCheckOnB_BlockedAtOnce_AndStartThroughB_ClearedOnA()
    {
        var (sid, to) = await ServiceAsync();
        var number = Number();

        var stop = await TwilioRequests.PostSignedAsync(A.CreateApiClient(key: null), TwilioRequests.SmsPath, TwilioRequests.Inbound(number, "STOP", to: to), Ct);
        var onB = await B.CreateApiClient().GetFromJsonAsync<JsonObject>($"/api/services/{sid}/recipients/{number}", Ct);
        var start = await TwilioRequests.PostSignedAsync(B.CreateApiClient(key: null), TwilioRequests.SmsPath, TwilioRequests.Inbound(number, "START", to: to), Ct);
        var onA = await A.CreateApiClient().GetFromJsonAsync<JsonObject>($"/api/services/{sid}/recipients/{number}", Ct);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.True(onB!["blocked"]!.GetValue<bool>());
        Assert.Equal("STOP", onB["keyword"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.False(onA!["blocked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ConfigSavedOnA_NextWebhookOnB_UsesTheNewKeywordAndReply()
    {
        var (sid, to) = await ServiceAsync();
        var api = A.CreateApiClient();
        var webhookB = B.CreateApiClient(key: null);

        // B has the service compiled and cached before each save, and each knows the other is there.
        Assert.Equal("<Response/>", await BodyAsync(webhookB, Number(), "hello", to));
        await IntroduceAsync();
        for (var round = 1; round <= 5; round++)
        {
            var keyword = $"PARAR{round}";
            var reply = $"Round {round}: you are unsubscribed. Reply START to resubscribe.";
            var document = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", Ct))!;
            document["global"]!["optOut"]!["keywords"]!.AsArray().Add(keyword);
            document["global"]!["optOut"]!["reply"] = reply;

            // The save returns once B has applied it: B's very next webhook uses it.
            var put = await api.PutAsync($"/api/services/{sid}/config", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
            put.EnsureSuccessStatusCode();
            var answer = await BodyAsync(webhookB, Number(), keyword.ToLowerInvariant(), to);

            Assert.Contains(reply, answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConfigChangedWithoutASignal_BsRecheckDropsTheStaleCopy()
    {
        var (sid, to) = await ServiceAsync();
        var webhookB = B.CreateApiClient(key: null);
        Assert.Equal("<Response/>", await BodyAsync(webhookB, Number(), "PAUSA", to));

        // A save whose signal B never hears: written straight into the database, as a lost notification would leave it.
        var document = JsonNode.Parse(await A.CreateApiClient().GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["global"]!["optOut"]!["keywords"]!.AsArray().Add("PAUSA");
        var config = OptOutConsole.Core.Services.ServiceConfig.FromJson(document.ToJsonString());
        await using (var db = await A.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Services.Where(s => s.Sid == sid).ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfigJson, config.ToJson()).SetProperty(x => x.Version, x => x.Version + 1), Ct);
        }

        var dropped = await B.Service<ServiceDirectory>().RecheckAsync(Ct);
        var answer = await BodyAsync(webhookB, Number(), "pausa", to);

        Assert.Equal(1, dropped);
        Assert.Contains("<Message>", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsThroughA_BsDashboardAndLiveChipIncludeThem()
    {
        var (sid, to) = await ServiceAsync();
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        B.Service<EventNotifier>().EventsArrived += n => arrived.TrySetResult(n);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var filter = new DashboardFilter(sid, today, today);
        var before = await B.Service<DashboardService>().SummaryAsync(filter, Ct);

        foreach (var body in new[] { "STOP", "START", "HELP" })
        {
            await BodyAsync(A.CreateApiClient(key: null), Number(), body, to);
        }

        // B's live chip heard A's events; its rollups heard the same signal first.
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var after = await B.Service<DashboardService>().SummaryAsync(filter, Ct);
        var latest = await B.Service<DashboardService>().EventsAsync(filter, 1, 10, Ct);

        Assert.Equal(TypeTotals.Zero, before.Totals);
        Assert.Equal(new TypeTotals(1, 1, 1), after.Totals);
        Assert.Equal(3, latest.Total);
        Assert.Equal(3, after.Series.Sum(p => p.Stop + p.StartCount + p.Help));
    }

    [Fact]
    public async Task ForwardingWithBothRunning_EachMessageDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (sid, to) = await ServiceAsync(d => d["webhookUrl"] = receiver.Url);
        var clients = new[] { A.CreateApiClient(key: null), B.CreateApiClient(key: null) };
        var sent = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var parameters = TwilioRequests.Inbound(Number(), i % 3 == 0 ? "STOP" : "hello", to: to);
            sent.Add(parameters["MessageSid"]);
            (await TwilioRequests.PostSignedAsync(clients[i % 2], TwilioRequests.SmsPath, parameters, Ct)).EnsureSuccessStatusCode();
        }

        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async void Check(int _)
        {
            try
            {
                if ((await A.Service<OutboxService>().SummaryAsync(sid, CancellationToken.None)).Delivered == sent.Count)
                {
                    allDelivered.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                allDelivered.TrySetException(ex);
            }
        }

        A.Service<OutboxForwarder>().RoundStored += Check;
        B.Service<OutboxForwarder>().RoundStored += Check;
        Check(0);
        await allDelivered.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var summary = await A.Service<OutboxService>().SummaryAsync(sid, Ct);
        Assert.Equal((sent.Count, 0, 0), (summary.Delivered, summary.Pending, summary.Failing));
        var received = receiver.Delivered.Select(r => r.Form["MessageSid"]).ToList();
        Assert.Equal(sent.Order(), received.Order());
    }

    [Fact]
    public async Task RowsClaimedByAnInstanceThatDied_AreDeliveredByTheOtherWhenTheLeaseEnds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (sid, _) = await ServiceAsync(d => d["webhookUrl"] = receiver.Url);
        var leaseEnds = DateTimeOffset.UtcNow.AddSeconds(2);
        await using (var db = await A.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Outbox.Add(new OutboxMessage
            {
                ServiceSid = sid,
                Url = receiver.Url,
                ParametersJson = """{"MessageSid":"SMorphan","Body":"STOP","OptOutType":"STOP"}""",
                MessageSid = "SMorphan",
                State = OutboxStates.Pending,
                CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = leaseEnds,
                LeaseOwner = "an-instance-that-died",
            });
            await db.SaveChangesAsync(Ct);
        }

        var delivered = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(DateTimeOffset.UtcNow >= leaseEnds, "not before the dead instance's lease ended");
        Assert.Equal("SMorphan", delivered.Form["MessageSid"]);
        Assert.Single(receiver.Delivered);
    }

    [Fact]
    public async Task KeyRevokedOnA_RefusedOnB_OnTheSignalAndOnTheRecheck()
    {
        var (_, secret) = await A.Service<ApiKeyService>().CreateAsync($"automation {Guid.NewGuid():N}"[..24], "test", Ct);
        var (second, secret2) = await A.Service<ApiKeyService>().CreateAsync($"automation {Guid.NewGuid():N}"[..24], "test", Ct);
        var onB = B.CreateApiClient(secret);
        var onB2 = B.CreateApiClient(secret2);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/services", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB2.GetAsync("/api/services", Ct)).StatusCode);
        var first = (await A.Service<ApiKeyService>().ListAsync(Ct)).Single(k => k.Hash == ApiKeyHasher.Hash(secret));
        await IntroduceAsync();

        // The revocation returns once B has forgotten the key: its very next call is refused.
        Assert.True(await A.Service<ApiKeyService>().RevokeAsync(first.Id, "test", Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/services", Ct)).StatusCode);

        // Revoked without a signal (straight in the database): B's re-check forgets it.
        await using (var db = await A.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.ApiKeys.Where(k => k.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow), Ct);
        }

        Assert.Equal(1, await B.Service<ApiKeyService>().RecheckAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB2.GetAsync("/api/services", Ct)).StatusCode);
    }

    /// <summary>
    /// Each instance hears of the other (they announce themselves every re-check interval; any signal does it too),
    /// so a change made on one waits for the other's acknowledgement.
    /// </summary>
    private async Task IntroduceAsync()
    {
        await B.Service<IChangeNotifier>().PublishAsync(new ChangeSignal(ChangeKind.Recheck), Ct);
        await A.Service<IChangeNotifier>().PublishAsync(new ChangeSignal(ChangeKind.Recheck), Ct);
        Assert.Single(A.Service<PostgresChangeNotifier>().Peers);
        Assert.Single(B.Service<PostgresChangeNotifier>().Peers);
    }

    private static async Task<string> BodyAsync(HttpClient client, string from, string body, string to)
    {
        var response = await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, to: to), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>A service on A with a sender of its own (the two instances share one database, so senders must differ).</summary>
    private async Task<(string Sid, string To)> ServiceAsync(Action<JsonNode>? mutate = null)
    {
        var to = Number();
        var sid = await TwilioRequests.CreateServiceAsync(A.CreateApiClient(), $"Two {Guid.NewGuid():N}"[..20], d =>
        {
            d["senders"] = new JsonArray(to);
            mutate?.Invoke(d);
        }, Ct);
        return (sid, to);
    }

    private static int numbers = Random.Shared.Next(10_000);

    /// <summary>A US number no other call of this run gets (a service's sender must be its own).</summary>
    private static string Number() => $"+1415555{Interlocked.Increment(ref numbers) % 10_000:D4}";
}
