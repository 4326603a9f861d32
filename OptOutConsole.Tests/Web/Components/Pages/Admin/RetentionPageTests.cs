using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using OptOutConsole.Components.Pages.Admin;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Retention;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Admin;

/// <summary>The retention settings page over the real retention service and a real SQLite file.</summary>
public sealed class RetentionPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;

    public RetentionPageTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(new RetentionService(app.Service<IDbContextFactory<AppDbContext>>(), new RetentionOptions(30, 7, 1461, 0), TimeProvider.System, NullLogger<RetentionService>.Instance));
        AddAuthorization().SetAuthorized(ConsoleAppFactory.AdminEmail).SetRoles(OptOutConsole.Core.Identity.Roles.Admin);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }

    [Fact]
    public void Periods_InForce_ShownPerKey()
    {
        var cut = Render<RetentionPage>();

        Assert.Equal("30 days", cut.Find("[data-key='Retention:EventsDays']").TextContent);
        Assert.Equal("7 days", cut.Find("[data-key='Retention:DeliveredOutboxDays']").TextContent);
        Assert.Equal("1,461 days", cut.Find("[data-key='Retention:ReviewItemsDays']").TextContent);
        Assert.Equal("kept", cut.Find("[data-key='Retention:AuditDays']").TextContent);
    }

    [Fact]
    public async Task RunNow_OldEvents_RemovedAndTheRunShown()
    {
        var sid = "MG" + Guid.NewGuid().ToString("N");
        await using (var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 3; i++)
            {
                db.Events.Add(new TrackingEvent { ServiceSid = sid, Time = DateTimeOffset.UtcNow.AddDays(-31 - i), From = "+14155550188", Country = "US", Type = "STOP", Keyword = "STOP", AnsweredBy = "global" });
            }

            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var cut = Render<RetentionPage>();
        cut.Find("#retention-run").Click();

        cut.WaitForAssertion(() => Assert.Matches(@"removed [1-9][\d,]* tracking events", cut.Find("#retention-last-run").TextContent));
        Assert.Equal(0, await app.ScalarAsync("""SELECT COUNT(*) FROM "Events" WHERE "ServiceSid" = @p0""", sid));
    }
}
