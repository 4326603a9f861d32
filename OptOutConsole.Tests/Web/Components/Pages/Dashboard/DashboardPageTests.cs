using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Dashboard;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Persistence;
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

    private void SignIn(string role) => AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@test.local").SetRoles(role);

    private IRenderedComponent<DashboardPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<DashboardPage>();
    }

    private async Task PostAsync(params (string From, string Body)[] messages)
    {
        var sid = await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), $"Dash {Guid.NewGuid():N}"[..20], _ => { }, Ct);
        var client = app.CreateApiClient(key: null);
        foreach (var (from, body) in messages)
        {
            (await TwilioRequests.PostSignedAsync(client, TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), Ct)).EnsureSuccessStatusCode();
        }
    }

    private async Task<(long Stop, long Start, long Help)> TodayTotalsAsync()
    {
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var types = await db.Events.Select(e => e.Type).ToListAsync(Ct);
        return (types.Count(t => t == "STOP"), types.Count(t => t == "START"), types.Count(t => t == "HELP"));
    }
}
