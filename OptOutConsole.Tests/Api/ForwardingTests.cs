using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;
using Twilio.Security;

namespace OptOutConsole.Tests.Api;

/// <summary>Forwarding to the customer's app from the durable outbox (DESIGN 5.1), on SQLite and on PostgreSQL.</summary>
public abstract class ForwardingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReceiverDown_ConsoleRestarted_MessageArrivesExactlyOnceSignedWithOptOutType()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Failing = true;
        string sid;
        string messageSid;

        // The fresh console only owns the database; the two consoles over it run one after the other (a restart).
        using var fresh = NewConsole();
        using (var first = fresh.OnSameDatabase())
        {
            var api = first.CreateApiClient();
            sid = await TwilioRequests.CreateServiceAsync(api, "Forward Co", d => d["webhookUrl"] = receiver.Url, Ct);
            var parameters = TwilioRequests.Inbound("+14155550123", "Stop", sid);
            messageSid = parameters["MessageSid"];
            var response = await TwilioRequests.PostSignedAsync(first.CreateApiClient(key: null), TwilioRequests.SmsPath, parameters, Ct);
            response.EnsureSuccessStatusCode();

            await receiver.FirstFailure.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.True(receiver.FailedAttempts >= 1);
        Assert.Empty(receiver.Delivered);
        receiver.Failing = false;

        using var second = fresh.OnSameDatabase();
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        second.Service<OutboxForwarder>().RoundStored += delivered => { if (delivered > 0) { stored.TrySetResult(); } };
        var delivered = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var outbox = second.Service<OutboxService>();

        // Subscribed before this read, so a round stored in between is not missed.
        if ((await outbox.SummaryAsync(sid, Ct)).Delivered == 0)
        {
            await stored.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.Equal(messageSid, delivered.Form["MessageSid"]);
        Assert.Equal("STOP", delivered.Form["OptOutType"]);
        Assert.Equal("Stop", delivered.Form["Body"]);
        Assert.True(new RequestValidator(ConsoleAppFactory.TwilioAuthToken).Validate(receiver.Url, delivered.Form, delivered.Signature));
        var summary = await outbox.SummaryAsync(sid, Ct);
        Assert.Equal(1, summary.Delivered);
        Assert.Equal((0, 0), (summary.Pending, summary.Failing));
        Assert.Single(receiver.Delivered);
    }

    [Fact]
    public async Task NoMatchAndAdvancedOptOutOff_ForwardedWithoutOptOutType()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var app = NewConsole();
        var api = app.CreateApiClient();
        var sid = await TwilioRequests.CreateServiceAsync(api, "Plain Forward", d =>
        {
            d["webhookUrl"] = receiver.Url;
            d["advancedOptOutEnabled"] = false;
        }, Ct);

        await TwilioRequests.PostSignedAsync(app.CreateApiClient(key: null), TwilioRequests.SmsPath, TwilioRequests.Inbound("+14155550123", "STOP", sid), Ct);
        var delivered = await receiver.FirstSuccess.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.False(delivered.Form.ContainsKey("OptOutType"));
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
    }

    /// <summary>
    /// A new console of this class's provider over an empty database of its own (dropped when it is disposed). A
    /// restart leaves it unstarted and runs consoles over its database one after the other (<see cref="ConsoleAppFactory.OnSameDatabase"/>).
    /// </summary>
    protected abstract ConsoleAppFactory NewConsole();

    public sealed class OnSqlite : ForwardingTests
    {
        protected override ConsoleAppFactory NewConsole() => new();
    }

    public sealed class OnPostgres : ForwardingTests
    {
        public OnPostgres() => PostgresServer.Require();

        protected override ConsoleAppFactory NewConsole() => new PostgresConsoleAppFactory();
    }
}
