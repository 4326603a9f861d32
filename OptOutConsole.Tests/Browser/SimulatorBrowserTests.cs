using Microsoft.Playwright;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Browser;

/// <summary>The preview and the simulator in a real browser, as a marketer, against the real app with the demo service.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulatorBrowserTests(BrowserFixture browser)
{
    private const string Email = "marketer-sim@test.local";
    private const string Password = "Market!Pass123";

    [Fact]
    public async Task Marketer_PreviewThenSimulator_MexicanStopAndFrenchArretFromCanada()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp(seedDemo: true);
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(Email, Password, Roles.Marketer, "test", CancellationToken.None));
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, Email, Password);

        await page.GotoAsync($"{app.BaseUrl}/preview");
        await page.WaitForInteractiveAsync();
        var mexicanStop = page.Locator("[data-country='MX'][data-category='STOP'] [data-keyword='STOP'] .preview-reply");
        await Assertions.Expect(mexicanStop).ToContainTextAsync("Sushi Rewards México: Te diste de baja");

        await page.GotoAsync($"{app.BaseUrl}/simulator");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#sim-from", "+14165550123");
        await page.FillAsync("#sim-message", "Arrêt");
        await page.ClickAsync("#sim-send");

        await Assertions.Expect(page.Locator(".bubble-in")).ToHaveTextAsync("Arrêt");
        await Assertions.Expect(page.Locator(".bubble-out")).ToContainTextAsync("désabonnement confirmé");
        await Assertions.Expect(page.Locator("[data-explain='0'] [data-field='answered-by']")).ToContainTextAsync("language fr");
        await Assertions.Expect(page.Locator("[data-save-case]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Marketer_FreeTextRequest_FiledForReviewAndWhyMarksThePhrase()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp(seedDemo: true);
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(Email, Password, Roles.Marketer, "test", CancellationToken.None));
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, Email, Password);
        await page.GotoAsync($"{app.BaseUrl}/simulator");
        await page.WaitForInteractiveAsync();

        await page.FillAsync("#sim-message", "please stop texting me");
        await page.ClickAsync("#sim-send");

        await Assertions.Expect(page.Locator(".bubble-in")).ToHaveTextAsync("please stop texting me");
        await Assertions.Expect(page.Locator(".bubble-none")).ToContainTextAsync("filed for review");
        await Assertions.Expect(page.Locator(".bubble-out")).ToHaveCountAsync(0);
        var why = page.Locator("[data-explain='0']");
        await Assertions.Expect(why.Locator("[data-field='phrase'] mark[data-phrase]")).ToHaveTextAsync("stop texting me");
        await Assertions.Expect(why.Locator("[data-field='phrase'] mark[data-phrase]")).ToBeVisibleAsync();
        await Assertions.Expect(why.Locator("[data-field='score']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(0\.\d\d|1\.00)$"));
        await Assertions.Expect(why.Locator("[data-field='intent-action']")).ToContainTextAsync("Filed for review");
        await Assertions.Expect(page.Locator("#sim-blocked-empty")).ToBeVisibleAsync();
    }
}
