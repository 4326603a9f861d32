using Microsoft.Extensions.Logging.Abstractions;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Persistence;

/// <summary>
/// The webhook writer's storage (<see cref="IInboundStore"/>) of each provider, given batches directly: a batch with a
/// MessageSid that was stored before, repeats inside a batch, and STOP then START of one number in one batch.
/// </summary>
public abstract class InboundStoreTests(ConsoleAppFactory app)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task BatchWithAStoredMessageSid_RepeatGetsItsStoredAnswerAndNoEffect_TheNewOnesApply()
    {
        var sid = await ServiceAsync();
        using var store = Open();
        var first = Work(sid, "+14155550101", "STOP", "SMstored" + Guid.NewGuid().ToString("N"), "first reply");
        store.Commit([first], new string[1], Now);

        var retry = Work(sid, "+14155550101", "STOP", first.MessageSid, "a reply the retry must not get");
        var fresh = Work(sid, "+14155550102", "STOP", "SMfresh" + Guid.NewGuid().ToString("N"), "fresh reply");
        var answers = new string[2];
        var result = store.Commit([retry, fresh], answers, Now);

        Assert.Contains("first reply", answers[0], StringComparison.Ordinal);
        Assert.Contains("fresh reply", answers[1], StringComparison.Ordinal);
        Assert.Equal(1, result.Events);
        Assert.Equal(2, await app.ScalarAsync("""SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @p0""", sid));
        Assert.Equal(2, await app.ScalarAsync("""SELECT COUNT(*) FROM "BlockList" WHERE "ServiceSid" = @p0""", sid));
        Assert.Equal(2, await app.ScalarAsync("""SELECT COALESCE(SUM("Count"), 0) FROM "DailyCounters" WHERE "ServiceSid" = @p0""", sid));
    }

    [Fact]
    public async Task OneBatch_SameSidTwiceAndStopThenStart_OneEffectEachInArrivalOrder()
    {
        var sid = await ServiceAsync();
        using var store = Open();
        var messageSid = "SMtwice" + Guid.NewGuid().ToString("N");
        var stop = Work(sid, "+14155550103", "STOP", messageSid, "stopped");
        var again = Work(sid, "+14155550103", "STOP", messageSid, "stopped again");
        var start = Work(sid, "+14155550103", "START", "SMstart" + Guid.NewGuid().ToString("N"), "started");
        var answers = new string[3];

        var result = store.Commit([stop, again, start], answers, Now);

        Assert.Equal(answers[0], answers[1]);
        Assert.Contains("started", answers[2], StringComparison.Ordinal);
        Assert.Equal(2, result.Events);
        Assert.Equal(0, await app.ScalarAsync("""SELECT COUNT(*) FROM "BlockList" WHERE "ServiceSid" = @p0""", sid));
        Assert.Equal(2, await app.ScalarAsync("""SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @p0""", sid));
    }

    [Fact]
    public async Task HelpFromABlockedNumber_ServiceThatDoesNotAnswerIt_NoReplyButAnEvent()
    {
        var sid = await ServiceAsync();
        using var store = Open();
        var stop = Work(sid, "+14155550104", "STOP", "SMh1" + Guid.NewGuid().ToString("N"), "stopped");
        var help = Work(sid, "+14155550104", "HELP", "SMh2" + Guid.NewGuid().ToString("N"), "help text", replyToHelpWhenBlocked: false);
        var answers = new string[2];

        store.Commit([stop, help], answers, Now);

        Assert.Contains("stopped", answers[0], StringComparison.Ordinal);
        Assert.Equal(TwiML.Message(null), answers[1]);
        Assert.Equal(2, await app.ScalarAsync("""SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @p0""", sid));
    }

    private IInboundStore Open()
    {
        var store = app.Service<AppDatabase>().CreateInboundStore(TimeProvider.System, NullLogger.Instance);
        store.Open();
        return store;
    }

    private async Task<string> ServiceAsync()
    {
        var (_, sid) = await app.Service<OptOutConsole.Core.Services.ServiceCatalog>().CreateAsync($"Store {Guid.NewGuid():N}"[..20], "test", TestContext.Current.CancellationToken);
        return sid!;
    }

    private static InboundWork Work(string sid, string from, string type, string? messageSid, string reply, bool replyToHelpWhenBlocked = true) => new()
    {
        ServiceSid = sid,
        MessageSid = messageSid,
        From = from,
        Country = "US",
        Type = type,
        Keyword = type,
        Language = "en",
        AnsweredBy = "global",
        Reply = reply,
        ReplyToHelpWhenBlocked = replyToHelpWhenBlocked,
    };

    public sealed class OnSqlite(ConsoleAppFactory app) : InboundStoreTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : InboundStoreTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
