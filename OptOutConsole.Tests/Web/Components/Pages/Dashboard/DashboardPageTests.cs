using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Dashboard;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Dashboard;

/// <summary>The dashboard over the real services and a real SQLite file, with events posted through the real webhook.</summary>
public sealed class DashboardPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;

    public DashboardPageTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<DashboardService>());
        Services.AddSingleton(app.Service<ReviewQueue>());
        Services.AddSingleton(app.Service<ServiceCatalog>());
        Services.AddSingleton(app.Service<EventNotifier>());
        Services.AddSingleton(TimeProvider.System);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Render_SeededEvents_TotalsAndChart()
    {
        await PostAsync(("+14155550121", "STOP"), ("+14155550122", "STOP"), ("+14165550123", "START"), ("+525512345678", "HELP"));
        var (stop, start, help) = await TodayTotalsAsync();
        SignIn(Roles.Admin);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(stop.ToString(), cut.Find("#total-stop [data-value]").GetAttribute("data-value")), TimeSpan.FromSeconds(5));
        Assert.True(stop >= 2 && start >= 1 && help >= 1);
        Assert.Equal(start.ToString(), cut.Find("#total-start [data-value]").GetAttribute("data-value"));
        Assert.Equal(help.ToString(), cut.Find("#total-help [data-value]").GetAttribute("data-value"));
        Assert.Equal((stop - start).ToString(), cut.Find("#total-net [data-value]").GetAttribute("data-value"));
        Assert.Equal("7", cut.Find("#events-chart").GetAttribute("data-points"));
        Assert.NotEmpty(cut.FindAll("#events-chart svg"));
        Assert.Contains("United States (US)", cut.Find("#by-country").TextContent, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("+14155550121", cut.Find("#events-table").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Render_Marketer_NumbersMasked()
    {
        await PostAsync(("+14155550123", "STOP"));
        SignIn(Roles.Marketer);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#events-table .event-from")), TimeSpan.FromSeconds(5));
        Assert.All(cut.FindAll("#events-table .event-from"), c => Assert.Contains(PhoneMask.Dots, c.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("+14155550123", cut.Find("#events-table").TextContent, StringComparison.Ordinal);
        Assert.Contains("+1415•••0123", cut.Find("#events-table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ReviewItems_FlaggedDecidedAndOpenCounts()
    {
        var sid = await PostAsync(("+14155550171", "please stop texting me"), ("+14155550172", "stop messaging me please"));
        var queue = app.Service<ReviewQueue>();
        var (items, _) = await queue.ListAsync(sid, ReviewStatuses.Open, 0, 10, Ct);
        Assert.Equal(2, items.Count);
        Assert.Equal(ReviewOutcome.Decided, (await queue.DecideAsync(sid, items[0].Id, ReviewDecisions.OptOut, "asked in words", "test", Ct)).Outcome);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (from, to) = DashboardFilter.RangeOf(DashboardPreset.Days7, today);
        var period = new DashboardFilter(null, from, to);
        var expected = await queue.CountsAsync(null, period.Start, period.End, Ct);
        SignIn(Roles.Compliance);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(expected.Flagged.ToString(), cut.Find("#review-flagged [data-value]").GetAttribute("data-value")), TimeSpan.FromSeconds(5));
        Assert.True(expected.Flagged >= 2 && expected.Decided >= 1 && expected.Open >= 1);
        Assert.Equal(expected.Decided.ToString(), cut.Find("#review-decided [data-value]").GetAttribute("data-value"));
        Assert.Equal(expected.Open.ToString(), cut.Find("#review-open [data-value]").GetAttribute("data-value"));
        Assert.Equal(expected.Overdue.ToString(), cut.Find("#review-overdue [data-value]").GetAttribute("data-value"));
        Assert.Equal("review", cut.Find("#review-link").GetAttribute("href"));
    }

    [Fact]
    public void Render_Marketer_ReviewCountsWithoutTheLinkToTheQueue()
    {
        SignIn(Roles.Marketer);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#review-open [data-value]")), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll("#review-link"));
    }

    private void SignIn(string role) => AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@test.local").SetRoles(role);

    private IRenderedComponent<DashboardPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<DashboardPage>();
    }

    private async Task<string> PostAsync(params (string From, string Body)[] messages)
    {
        var sid = await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), $"Dash {Guid.NewGuid():N}"[..20], _ => { }, Ct);
        var client = app.CreateApiClient(key: null);
        foreach (var (from, body) in messages)
        {
            (await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct)).EnsureSuccessStatusCode();
        }

        return sid;
    }

    private async Task<(long Stop, long Start, long Help)> TodayTotalsAsync()
    {
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var types = await db.Events.Select(e => e.Type).ToListAsync(Ct);
        return (types.Count(t => t == "STOP"), types.Count(t => t == "START"), types.Count(t => t == "HELP"));
    }
}
