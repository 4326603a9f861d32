using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Privacy;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Privacy;
using OptOutConsole.Core.Tracking;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Privacy;

/// <summary>The Subscriber page over the real records and eraser on a real SQLite file: look up in a national format, erase with a reason.</summary>
public sealed class SubscriberPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;

    public SubscriberPageTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<SubscriberRecords>());
        Services.AddSingleton(app.Service<SubscriberEraser>());
        AddAuthorization().SetAuthorized("compliance@test.local").SetRoles(Roles.Compliance);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task LookUpNationalNumber_ThenErase_ShowsWhatWasStoredThenNothing()
    {
        var sid = "MG" + Guid.NewGuid().ToString("N");
        await SeedAsync(sid, "+14155550172");
        var cut = Render<SubscriberPage>();

        cut.Find("#sub-number").Input("(415) 555-0172");
        cut.Find("#sub-search").Click();

        cut.WaitForAssertion(() => Assert.Contains("+14155550172: 1 block-list entries, 2 events", cut.Find("#sub-found").TextContent, StringComparison.Ordinal));
        Assert.Contains(sid, cut.Find("#sub-block-list").TextContent, StringComparison.Ordinal);
        Assert.Contains("number=%2B14155550172", cut.Find("#sub-json").GetAttribute("href"), StringComparison.Ordinal);

        cut.Find("#sub-erase").Click();
        cut.WaitForAssertion(() => Assert.True(cut.Find("#sub-erase-confirm").HasAttribute("disabled")));
        cut.Find("#sub-reason").Input("CCPA deletion request 88");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#sub-erase-confirm").HasAttribute("disabled")));
        cut.Find("#sub-erase-confirm").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 block-list entries", cut.Find("#sub-erased").TextContent, StringComparison.Ordinal));
        Assert.Contains("stores nothing", cut.Find("#sub-found").TextContent, StringComparison.Ordinal);
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.StartsWith(SubscriberHasher.Prefix, (await db.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Number, StringComparison.Ordinal);
        Assert.All(await db.Events.Where(e => e.ServiceSid == sid).ToListAsync(Ct), e => Assert.StartsWith(SubscriberHasher.Prefix, e.From, StringComparison.Ordinal));
    }

    [Fact]
    public void LookUp_NotANumber_SaysWhyNextToTheField()
    {
        var cut = Render<SubscriberPage>();

        cut.Find("#sub-number").Input("415 55");
        cut.Find("#sub-search").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-input-error")));
        Assert.Empty(cut.FindAll("#sub-found"));
    }

    private async Task SeedAsync(string sid, string number)
    {
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        db.BlockList.Add(new BlockListEntry { ServiceSid = sid, Number = number, OptedOutAt = DateTimeOffset.UtcNow, Keyword = "STOP", Source = BlockListSources.Keyword, MessageSid = "SM1" + sid });
        foreach (var type in new[] { "START", "STOP" })
        {
            db.Events.Add(new TrackingEvent { ServiceSid = sid, Time = DateTimeOffset.UtcNow, From = number, Country = "US", Type = type, Keyword = type, AnsweredBy = "global" });
        }

        await db.SaveChangesAsync(Ct);
    }
}
