using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Review;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Review;

/// <summary>The review queue page over the real Core services and a real SQLite file; items filed by the real webhook.</summary>
public sealed class ReviewPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;
    private readonly ShiftedClock clock = new();
    private IRenderedComponent<MudDialogProvider> dialogs = null!;

    public ReviewPageTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<ServiceCatalog>());
        Services.AddSingleton(app.Service<ReviewQueue>());
        Services.AddSingleton<TimeProvider>(clock);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private ReviewQueue Queue => app.Service<ReviewQueue>();

    [Fact]
    public async Task Render_FiledText_PhraseMarkedWithNumberScoreAndDueDate()
    {
        var sid = await ServiceAsync();
        var item = Assert.Single(await FileAsync(sid, ("+14155550123", "Hi, please stop texting me. Thanks")));

        var cut = RenderPage(sid);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-item='{item.Id}'] mark")));
        var mark = cut.Find($"[data-item='{item.Id}'] mark");
        Assert.Equal(item.Phrase, mark.TextContent);
        Assert.Equal(item.Phrase, mark.GetAttribute("data-phrase"));
        Assert.Contains("stop texting", mark.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Hi, please stop texting me. Thanks", cut.Find($"[data-item='{item.Id}']").TextContent.Trim());
        Assert.Equal("+14155550123", cut.Find("#review-table [data-number]").TextContent);
        Assert.Equal(item.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), cut.Find("#review-table [data-score]").TextContent);
        Assert.Contains(item.DueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), cut.Find("#review-table tbody").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#review-table [data-overdue]"));
    }

    [Fact]
    public async Task Render_MarkupInTheText_ShownAsTextNotElements()
    {
        var sid = await ServiceAsync();
        const string body = "<script>alert(1)</script><b>please stop</b> texting me";
        var id = await InsertAsync(sid, "+14155550124", body, body.IndexOf("please stop", StringComparison.Ordinal), "please stop".Length, DateTimeOffset.UtcNow.AddDays(14));

        var cut = RenderPage(sid);

        cut.WaitForAssertion(() => Assert.Equal("please stop", cut.Find($"[data-item='{id}'] mark").TextContent));
        Assert.Empty(cut.FindAll($"[data-item='{id}'] script, [data-item='{id}'] b"));
        Assert.Equal(body, cut.Find($"[data-item='{id}'] .review-body").TextContent);
    }

    [Fact]
    public async Task Render_OpenPastDueDate_OldestFirstAndOverdueMarked()
    {
        var sid = await ServiceAsync();
        var now = DateTimeOffset.UtcNow;
        var later = await InsertAsync(sid, "+14155550125", "stop sending these", 0, 4, now.AddDays(5));
        var sooner = await InsertAsync(sid, "+14155550126", "stop sending these", 0, 4, now.AddDays(3));
        clock.Ahead = TimeSpan.FromDays(4);

        var cut = RenderPage(sid);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#review-table [data-item]").Count));
        var rows = cut.FindAll("#review-table tbody tr");
        Assert.Equal(sooner.ToString(), rows[0].QuerySelector("[data-item]")!.GetAttribute("data-item"));
        Assert.Equal(later.ToString(), rows[1].QuerySelector("[data-item]")!.GetAttribute("data-item"));
        Assert.Equal("Overdue", rows[0].QuerySelector("[data-overdue]")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector("[data-overdue]"));
    }

    [Fact]
    public async Task OptOut_TwoSelectedWithoutThenWithReason_ErrorThenBothBlockedWithSourceReviewAndAudited()
    {
        var sid = await ServiceAsync();
        var items = await FileAsync(sid, ("+14155550131", "please stop texting me"), ("+14155550132", "stop messaging me please"));
        Assert.Equal(2, items.Count);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#review-table [data-item]").Count));

        Check(cut, $"#review-select-{items[0].Id}");
        Check(cut, $"#review-select-{items[1].Id}");
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#review-selected-count").GetAttribute("data-selected")));
        cut.Find("#review-opt-out").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("2 items", dialogs.Find("#review-decide-summary").TextContent, StringComparison.Ordinal));
        dialogs.Find("#review-decide-confirm").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("reason is required", dialogs.Find("#review-decide-error").TextContent, StringComparison.Ordinal));
        dialogs.Find("#review-reason").Change("Asked to stop in words");
        dialogs.Find("#review-decide-confirm").Click();

        cut.WaitForAssertion(() => Assert.Contains("Nothing to review", cut.Find("#review-table").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#review-failures"));
        foreach (var number in new[] { "+14155550131", "+14155550132" })
        {
            Assert.Equal(BlockListSources.Review, (await app.Service<BlockListService>().GetAsync(sid, number, Ct))!.Source);
        }

        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var audited = await db.Audit.AsNoTracking().Where(a => a.Area == AuditAreas.Review && a.Action == "opted-out" && a.Details!.Contains(sid)).ToListAsync(Ct);
        Assert.Equal(2, audited.Count);
        Assert.All(audited, a => Assert.Equal("compliance@test.local", a.Actor));
        Assert.All(audited, a => Assert.Contains("Asked to stop in words", a.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dismiss_OneDecidedBySomeoneElseMeanwhile_OtherDecidedAndAlreadyDecidedShown()
    {
        var sid = await ServiceAsync();
        var items = await FileAsync(sid, ("+14155550141", "please stop texting me"), ("+14155550142", "stop messaging me please"));
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#review-table [data-item]").Count));
        Check(cut, "#review-select-page");
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#review-selected-count").GetAttribute("data-selected")));
        Assert.Equal(ReviewOutcome.Decided, (await Queue.DecideAsync(sid, items[0].Id, ReviewDecisions.OptOut, "by phone", "other@test.local", Ct)).Outcome);

        cut.Find("#review-dismiss").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#review-reason")));
        dialogs.Find("#review-reason").Change("Asking about the store's hours");
        dialogs.Find("#review-decide-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(nameof(ReviewOutcome.AlreadyDecided), cut.Find($"#review-failures [data-failed-item='{items[0].Id}']").GetAttribute("data-outcome")));
        Assert.Contains("other@test.local", cut.Find("#review-failures").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll($"#review-failures [data-failed-item='{items[1].Id}']"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#review-table [data-item]")));
        var dismissed = await Queue.GetAsync(sid, items[1].Id, Ct);
        Assert.Equal(ReviewDecisions.Dismiss, dismissed!.Decision);
        Assert.Null(await app.Service<BlockListService>().GetAsync(sid, "+14155550142", Ct));
    }

    [Fact]
    public async Task DecidedTab_AfterDecision_ShowsDecisionReasonAndWho()
    {
        var sid = await ServiceAsync();
        var item = Assert.Single(await FileAsync(sid, ("+14155550151", "please stop texting me")));
        Assert.Equal(ReviewOutcome.Decided, (await Queue.DecideAsync(sid, item.Id, ReviewDecisions.Dismiss, "a question, not a request", "admin@test.local", Ct)).Outcome);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.Contains("Nothing to review", cut.Find("#review-table").TextContent, StringComparison.Ordinal));

        cut.FindAll("#review-status button").Single(b => b.TextContent.Contains("Decided", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal(ReviewDecisions.Dismiss, cut.Find($"#review-table [data-decision]").GetAttribute("data-decision")));
        Assert.Equal("a question, not a request", cut.Find("#review-table [data-reason]").TextContent.Trim());
        Assert.Equal("admin@test.local", cut.Find("#review-table [data-decided-by]").TextContent.Trim());
        Assert.Empty(cut.FindAll("#review-opt-out"));
    }

    private static void Check(IRenderedComponent<ReviewPage> cut, string checkbox) =>
        cut.Find($"{checkbox} input[type='checkbox'], input{checkbox}").Change(true);

    private IRenderedComponent<ReviewPage> RenderPage(string sid)
    {
        AddAuthorization().SetAuthorized("compliance@test.local").SetRoles(Roles.Compliance);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/review?sid={sid}");
        return Render<ReviewPage>();
    }

    private async Task<string> ServiceAsync()
    {
        var (outcome, sid) = await app.Service<ServiceCatalog>().CreateAsync($"Review {Guid.NewGuid():N}"[..20], "test", Ct);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }

    /// <summary>Posts each text to the real webhook (the service is in mode review, the default) and returns the items filed, oldest due first.</summary>
    private async Task<IReadOnlyList<ReviewItem>> FileAsync(string sid, params (string From, string Body)[] texts)
    {
        var client = app.CreateApiClient(key: null);
        foreach (var (from, body) in texts)
        {
            (await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct)).EnsureSuccessStatusCode();
        }

        var (items, _) = await Queue.ListAsync(sid, ReviewStatuses.Open, 0, 50, Ct);
        Assert.Equal(texts.Length, items.Count);
        return items;
    }

    /// <summary>An item with a body and phrase position of the test's choosing (the webhook only files what detection finds).</summary>
    private async Task<long> InsertAsync(string sid, string from, string body, int start, int length, DateTimeOffset due)
    {
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var item = new ReviewItem
        {
            ServiceSid = sid,
            From = from,
            Body = body,
            ReceivedAt = DateTimeOffset.UtcNow,
            DueAt = due,
            Score = 0.9,
            Phrase = body.Substring(start, length),
            PhraseStart = start,
            PhraseLength = length,
            Language = "en",
            Status = ReviewStatuses.Open,
        };
        db.ReviewItems.Add(item);
        await db.SaveChangesAsync(Ct);
        return item.Id;
    }

    /// <summary>The page's clock, moved ahead to see items as they will look later (the app's own deadline job keeps real time).</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }
}
