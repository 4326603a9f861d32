using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OptOutConsole.Components.Layout;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Layout;

public sealed class NavMenuTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;

    public NavMenuTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<ReviewQueue>());
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Roles.Admin, new[] { "Services", "Simulator", "Preview", "Dashboard", "Block list", "Review", "Subscriber", "Audit", "Users", "API keys", "Retention" })]
    [InlineData(Roles.Compliance, new[] { "Services", "Simulator", "Preview", "Dashboard", "Block list", "Review", "Subscriber", "Audit" })]
    [InlineData(Roles.Marketer, new[] { "Services", "Simulator", "Preview", "Dashboard" })]
    public void NavMenu_Role_ShowsExactlyItsEntries(string role, string[] expected)
    {
        var cut = Render<NavMenu>(p => p.Add(x => x.User, UserWith(role)));

        var shown = cut.FindAll("[data-nav] [data-nav-title]").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Equal(expected, shown);
        Assert.Equal(expected.Length, cut.FindAll("[data-nav]").Count);
    }

    [Fact]
    public void NavMenu_UserWithoutRole_ShowsOnlyHome()
    {
        var cut = Render<NavMenu>(p => p.Add(x => x.User, UserWith(null)));

        Assert.Empty(cut.FindAll("[data-nav]"));
        Assert.Contains("Home", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NavMenu_OpenReviewItems_ComplianceSeesTheCountAndItFollowsNavigation()
    {
        var sid = await ServiceAsync();
        await InsertOpenItemAsync(sid, "+14155550161");
        var before = (await Queue.OpenCountAsync(null, Ct)).ToString();
        var cut = Render<NavMenu>(p => p.Add(x => x.User, UserWith(Roles.Compliance)));
        cut.WaitForAssertion(() => Assert.Equal(before, cut.Find("[data-nav='review'] [data-open-reviews]").GetAttribute("data-open-reviews")));

        await InsertOpenItemAsync(sid, "+14155550162");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/review");

        var expected = (await Queue.OpenCountAsync(null, Ct)).ToString();
        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("[data-nav='review'] [data-open-reviews]").TextContent.Trim()));
        Assert.Equal("Review", cut.Find("[data-nav='review'] [data-nav-title]").TextContent);
    }

    [Fact]
    public async Task NavMenu_OpenReviewItems_MarketerSeesNoReviewEntryOrCount()
    {
        await InsertOpenItemAsync(await ServiceAsync(), "+14155550163");

        var cut = Render<NavMenu>(p => p.Add(x => x.User, UserWith(Roles.Marketer)));

        Assert.Empty(cut.FindAll("[data-nav='review']"));
        Assert.Empty(cut.FindAll("[data-open-reviews]"));
    }

    private ReviewQueue Queue => app.Service<ReviewQueue>();

    private static ClaimsPrincipal UserWith(string? role) => new(new ClaimsIdentity(
        role is null ? [new Claim(ClaimTypes.Name, "u")] : [new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task<string> ServiceAsync()
    {
        var (outcome, sid) = await app.Service<ServiceCatalog>().CreateAsync($"Nav {Guid.NewGuid():N}"[..20], "test", Ct);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }

    private async Task InsertOpenItemAsync(string sid, string from)
    {
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        db.ReviewItems.Add(new ReviewItem
        {
            ServiceSid = sid,
            From = from,
            Body = "please stop texting me",
            ReceivedAt = DateTimeOffset.UtcNow,
            DueAt = BusinessDays.DueAfter(DateTimeOffset.UtcNow),
            Score = 0.9,
            Phrase = "stop texting me",
            PhraseStart = 7,
            PhraseLength = 15,
            Language = "en",
            Status = ReviewStatuses.Open,
        });
        await db.SaveChangesAsync(Ct);
    }
}
