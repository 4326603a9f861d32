using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Review;

/// <summary>
/// The review queue (DESIGN 3.5) over each provider with its own clock: the deadline opts out what is still open at
/// its due date and nothing earlier, a decision is taken once (by a person, the deadline, or two instances racing),
/// and the lists and figures read back what happened. Items are stored directly, due in the future of the real
/// clock, so the app's own deadline job never touches them.
/// </summary>
public abstract class ReviewQueueTests(ConsoleAppFactory app)
{
    /// <summary>A Thursday afternoon; its items are due on the Thursday two weeks on.</summary>
    private static readonly DateTimeOffset Received = new(2031, 1, 9, 14, 30, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Due = new(2031, 1, 23, 14, 30, 0, TimeSpan.Zero);

    private readonly TestClock clock = new(Received);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OptOutOverdue_ClockBeforeDueDate_ItemStaysOpenNothingBlocked()
    {
        var sid = await ServiceAsync();
        var id = await AddItemAsync(sid, "+14155550101", Received);
        var queue = Queue();

        clock.Set(Due.AddMilliseconds(-1));
        await queue.OptOutOverdueAsync(Ct);

        var item = await queue.GetAsync(sid, id, Ct);
        Assert.Equal(ReviewStatuses.Open, item!.Status);
        Assert.Equal(0, await BlockedAsync(sid));
    }

    [Fact]
    public async Task OptOutOverdue_ClockAtDueDate_OptedOutWithSourceReviewDeadlineAndAudited()
    {
        var sid = await ServiceAsync();
        var id = await AddItemAsync(sid, "+14155550102", Received);
        var queue = Queue();

        clock.Set(Due);
        var done = await queue.OptOutOverdueAsync(Ct);

        Assert.True(done >= 1);
        var item = await queue.GetAsync(sid, id, Ct);
        Assert.Equal((ReviewStatuses.Decided, ReviewDecisions.OptOut, ReviewDecisions.DeadlineActor, Due), (item!.Status, item.Decision, item.DecidedBy, item.DecidedAt));
        Assert.Contains("business days", item.Reason, StringComparison.Ordinal);
        await using var db = await DbAsync();
        var entry = await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct);
        Assert.Equal(("+14155550102", "review-deadline", Due, "stop texting me"), (entry.Number, entry.Source, entry.OptedOutAt, entry.Keyword));
        var audit = await db.Audit.SingleAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct);
        Assert.Equal((ReviewDecisions.DeadlineActor, "opted-out", "+14155550102", Due), (audit.Actor, audit.Action, audit.Target, audit.At));
    }

    [Fact]
    public async Task OptOutOverdue_RunTwice_DecidedOnceAuditedOnce()
    {
        var sid = await ServiceAsync();
        await AddItemAsync(sid, "+14155550103", Received);
        var queue = Queue();
        clock.Set(Due.AddDays(3));

        await queue.OptOutOverdueAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        await queue.OptOutOverdueAsync(Ct);

        await using var db = await DbAsync();
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct));
        Assert.Equal(Due.AddDays(3), (await db.ReviewItems.SingleAsync(r => r.ServiceSid == sid, Ct)).DecidedAt);
    }

    [Fact]
    public async Task OptOutOverdue_TwoInstancesAtOnce_EveryItemDecidedOnce()
    {
        var sid = await ServiceAsync();
        for (var i = 0; i < 12; i++)
        {
            await AddItemAsync(sid, $"+141555502{i:00}", Received.AddMinutes(i));
        }

        clock.Set(Due.AddHours(1));

        await Task.WhenAll(Queue().OptOutOverdueAsync(Ct), Queue().OptOutOverdueAsync(Ct));

        await using var db = await DbAsync();
        Assert.Equal(0, await db.ReviewItems.CountAsync(r => r.ServiceSid == sid && r.Status == ReviewStatuses.Open, Ct));
        Assert.Equal(12, await db.Audit.CountAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct));
        Assert.Equal(12, await BlockedAsync(sid));
    }

    [Fact]
    public async Task OptOutOverdue_NumberAlreadyBlocked_DecidedAndTheFirstSourceStays()
    {
        var api = app.CreateApiClient();
        var sid = await ServiceAsync();
        await AddItemAsync(sid, "+14155550104", Received);
        (await api.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550104", reason = "Called support" }, Ct)).EnsureSuccessStatusCode();

        clock.Set(Due);
        await Queue().OptOutOverdueAsync(Ct);

        await using var db = await DbAsync();
        Assert.Equal("manual", (await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Source);
        Assert.Equal(ReviewStatuses.Decided, (await db.ReviewItems.SingleAsync(r => r.ServiceSid == sid, Ct)).Status);
        Assert.Contains("already on the block list", (await db.Audit.SingleAsync(a => a.Area == "review" && a.Details!.Contains(sid), Ct)).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_DismissedBeforeDueDate_TheDeadlineLeavesIt()
    {
        var sid = await ServiceAsync();
        var id = await AddItemAsync(sid, "+14155550105", Received);
        var queue = Queue();

        var dismissed = await queue.DecideAsync(sid, id, ReviewDecisions.Dismiss, "About a delivery, not the texts", "compliance@test.local", Ct);
        clock.Set(Due.AddDays(30));
        await queue.OptOutOverdueAsync(Ct);

        Assert.Equal(ReviewOutcome.Decided, dismissed.Outcome);
        var item = await queue.GetAsync(sid, id, Ct);
        Assert.Equal((ReviewDecisions.Dismiss, "compliance@test.local", Received), (item!.Decision, item.DecidedBy, item.DecidedAt));
        Assert.Equal(0, await BlockedAsync(sid));
    }

    [Fact]
    public async Task Decide_AfterTheDeadline_AlreadyDecidedAndNothingChanges()
    {
        var sid = await ServiceAsync();
        var id = await AddItemAsync(sid, "+14155550106", Received);
        var queue = Queue();
        clock.Set(Due);
        await queue.OptOutOverdueAsync(Ct);

        var late = await queue.DecideAsync(sid, id, ReviewDecisions.Dismiss, "Too late", "compliance@test.local", Ct);

        Assert.Equal(ReviewOutcome.AlreadyDecided, late.Outcome);
        Assert.Equal(ReviewDecisions.OptOut, late.Item!.Decision);
        Assert.Equal(1, await BlockedAsync(sid));
    }

    [Theory]
    [InlineData(null, "x", ReviewOutcome.InvalidDecision)]
    [InlineData("block", "x", ReviewOutcome.InvalidDecision)]
    [InlineData("optOut", null, ReviewOutcome.ReasonRequired)]
    [InlineData("optOut", " ", ReviewOutcome.ReasonRequired)]
    public async Task Decide_Refused_ItemStaysOpen(string? decision, string? reason, ReviewOutcome expected)
    {
        var sid = await ServiceAsync();
        var id = await AddItemAsync(sid, "+14155550107", Received);
        var queue = Queue();

        var result = await queue.DecideAsync(sid, id, decision, reason, "compliance@test.local", Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(ReviewStatuses.Open, (await queue.GetAsync(sid, id, Ct))!.Status);
    }

    [Fact]
    public async Task Decide_WrongService_NotFound()
    {
        var sid = await ServiceAsync();
        var id = await AddItemAsync(sid, "+14155550108", Received);

        var result = await Queue().DecideAsync("MG" + new string('9', 32), id, ReviewDecisions.OptOut, "x", "compliance@test.local", Ct);

        Assert.Equal(ReviewOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task List_OpenOldestDueFirst_DecidedLatestDecidedFirst()
    {
        var sid = await ServiceAsync();
        var late = await AddItemAsync(sid, "+14155550111", Received.AddDays(2));
        var early = await AddItemAsync(sid, "+14155550112", Received);
        var middle = await AddItemAsync(sid, "+14155550113", Received.AddDays(1));
        var other = await AddItemAsync(sid, "+14155550114", Received.AddDays(3));
        var queue = Queue();
        await queue.DecideAsync(sid, other, ReviewDecisions.Dismiss, "first decided", "a", Ct);
        clock.Advance(TimeSpan.FromHours(1));
        await queue.DecideAsync(sid, middle, ReviewDecisions.OptOut, "decided an hour later", "b", Ct);

        var (open, openTotal) = await queue.ListAsync(sid, ReviewStatuses.Open, 0, 50, Ct);
        var (decided, decidedTotal) = await queue.ListAsync(sid, ReviewStatuses.Decided, 0, 50, Ct);
        var (second, _) = await queue.ListAsync(sid, ReviewStatuses.Open, 1, 1, Ct);

        Assert.Equal([early, late], open.Select(i => i.Id));
        Assert.Equal([middle, other], decided.Select(i => i.Id));
        Assert.Equal((2, 2), (openTotal, decidedTotal));
        Assert.Equal([late], second.Select(i => i.Id));
    }

    [Fact]
    public async Task Counts_FlaggedDecidedOpenOverdue()
    {
        var sid = await ServiceAsync();
        await AddItemAsync(sid, "+14155550121", Received.AddDays(-20)); // overdue
        await AddItemAsync(sid, "+14155550122", Received);
        var decided = await AddItemAsync(sid, "+14155550123", Received);
        var queue = Queue();
        await queue.DecideAsync(sid, decided, ReviewDecisions.Dismiss, "x", "a", Ct);

        var counts = await queue.CountsAsync(sid, Received.AddDays(-1), Received.AddDays(1), Ct);
        var open = await queue.OpenCountAsync([sid], Ct);

        Assert.Equal(new ReviewCounts(Flagged: 2, Decided: 1, Open: 2, Overdue: 1), counts);
        Assert.Equal(2, open);
    }

    private ReviewQueue Queue() => new(app.Service<IDbContextFactory<AppDbContext>>(), clock);

    private async Task<string> ServiceAsync() =>
        await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), $"Queue {Guid.NewGuid():N}"[..20], _ => { }, Ct);

    private async Task<long> AddItemAsync(string sid, string from, DateTimeOffset received)
    {
        await using var db = await DbAsync();
        var item = new ReviewItem
        {
            ServiceSid = sid,
            From = from,
            Body = "please stop texting me",
            MessageSid = $"SM{Guid.NewGuid():N}",
            ReceivedAt = received,
            DueAt = BusinessDays.DueAfter(received),
            Score = 0.93,
            Phrase = "stop texting me",
            PhraseStart = 7,
            PhraseLength = 15,
            Language = "en",
            Status = ReviewStatuses.Open,
        };
        db.ReviewItems.Add(item);
        await db.SaveChangesAsync(Ct);
        return item.Id;
    }

    private async Task<int> BlockedAsync(string sid)
    {
        await using var db = await DbAsync();
        return await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct);
    }

    private Task<AppDbContext> DbAsync() => app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    public sealed class OnSqlite(ConsoleAppFactory app) : ReviewQueueTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ReviewQueueTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
