using Microsoft.Playwright;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Browser;

/// <summary>The service editor in a real browser against the real app on Kestrel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceEditorBrowserTests(BrowserFixture browser)
{
    private const string Email = "compliance-editor@test.local";
    private const string Password = "Comply!Pass123";

    [Fact]
    public async Task Compliance_AddsKeywordAndSpanishOverride_SavedAndShownAfterReload()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        var sid = await ArrangeAsync(app);
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, Email, Password);
        await page.GotoAsync($"{app.BaseUrl}/services/{sid}");
        await page.WaitForInteractiveAsync();

        await Tab(page, "Opt-out").ClickAsync();
        await page.FillAsync("#keyword-input-global-optOut", "SALIR");
        await page.PressAsync("#keyword-input-global-optOut", "Enter");
        await Assertions.Expect(page.Locator("[data-set='global'][data-category='optOut'] [data-keyword='SALIR']")).ToBeVisibleAsync();

        await Tab(page, "Overrides").ClickAsync();
        await page.FillAsync("#add-language", "Spanish");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Spanish (es)" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-override='languages[es]']")).ToBeVisibleAsync();
        await page.FillAsync("#keyword-input-languages-es-optOut", "BAJA");
        await page.PressAsync("#keyword-input-languages-es-optOut", "Enter");
        await Assertions.Expect(page.Locator("[data-override='languages[es]'] [data-keyword='BAJA']")).ToBeVisibleAsync();
        await page.FillAsync("#reply-languages-es-optOut", "Te has dado de baja. Responde ALTA para volver.");
        await Assertions.Expect(page.Locator("#unsaved-indicator")).ToBeVisibleAsync();
        await page.ClickAsync("#save-config");
        await Assertions.Expect(page.Locator("#config-version")).ToHaveTextAsync("2");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        await Tab(page, "Overrides").ClickAsync();
        await Assertions.Expect(page.Locator("[data-override='languages[es]'] [data-keyword='BAJA']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#reply-languages-es-optOut")).ToHaveValueAsync("Te has dado de baja. Responde ALTA para volver.");
        await Tab(page, "Opt-out").ClickAsync();
        await Assertions.Expect(page.Locator("[data-set='global'][data-category='optOut'] [data-keyword='SALIR']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unsaved-indicator")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Compliance_AddsStopToOptIn_ErrorNextToFieldAndSaveDisabled()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        var sid = await ArrangeAsync(app);
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, Email, Password);
        await page.GotoAsync($"{app.BaseUrl}/services/{sid}");
        await page.WaitForInteractiveAsync();

        await Tab(page, "Opt-in").ClickAsync();
        await page.FillAsync("#keyword-input-global-optIn", "STOP");
        await page.PressAsync("#keyword-input-global-optIn", "Enter");

        var error = page.Locator("[data-set='global'][data-category='optIn'] [data-problem-code='keyword.conflict']");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("already an opt-out keyword");
        await Assertions.Expect(page.Locator("#save-config")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#save-blocked-reason")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Compliance_EditsKeywordThatBreaksSavedTestCase_FailOnTestCasesTabThenDeletesIt()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        var sid = await ArrangeAsync(app);
        var cases = app.Service<TestCaseCatalog>();
        var (created, _) = await cases.AddAsync(sid, new TestCaseDraft("salir is chatter", "+14155550123", "Salir", null, null), "test", CancellationToken.None);
        Assert.NotNull(created);
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, Email, Password);
        await page.GotoAsync($"{app.BaseUrl}/services/{sid}");
        await page.WaitForInteractiveAsync();
        var row = page.Locator("#editor-testcase-table tr[data-case='salir is chatter']");
        await Tab(page, "Test cases").ClickAsync();
        await Assertions.Expect(row.Locator("[data-field='result']")).ToHaveTextAsync("PASS");

        await Tab(page, "Opt-out").ClickAsync();
        await page.FillAsync("#keyword-input-global-optOut", "SALIR");
        await page.PressAsync("#keyword-input-global-optOut", "Enter");
        await Assertions.Expect(page.Locator("[data-set='global'][data-category='optOut'] [data-keyword='SALIR']")).ToBeVisibleAsync();
        await Tab(page, "Test cases").ClickAsync();

        await Assertions.Expect(row.Locator("[data-field='result']")).ToHaveTextAsync("FAIL");
        await Assertions.Expect(row.Locator("[data-field='actual']")).ToHaveTextAsync("is STOP answered by global");
        await Assertions.Expect(Tab(page, "Test cases").Locator(".mud-badge")).ToHaveTextAsync("1");
        await Assertions.Expect(Tab(page, "Lint")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#add-test-cases")).ToHaveAttributeAsync("href", $"simulator?sid={sid}");

        await row.Locator("[data-delete-case]").ClickAsync();

        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#testcases-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unsaved-indicator")).ToBeVisibleAsync();
        Assert.Empty(await cases.ListAsync(sid, CancellationToken.None));
    }

    [Fact]
    public async Task Compliance_PlaywrightDefaultWindow_EveryTabShownAndClickableInAnyOrder()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        var sid = await ArrangeAsync(app);
        // No viewport given: Playwright's default 1280 x 720 window, a common laptop size.
        await using var context = await chromium.NewContextAsync();
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, Email, Password);
        await page.GotoAsync($"{app.BaseUrl}/services/{sid}");
        await page.WaitForInteractiveAsync();

        // Far right, far left, and back: a tab scrolled out of a too-narrow tab bar cannot be clicked.
        await Tab(page, "Forwarding").ClickAsync();
        await Assertions.Expect(page.Locator("#forwarding-table")).ToBeVisibleAsync();
        await Tab(page, "General").ClickAsync();
        await Assertions.Expect(page.Locator("#field-friendlyName")).ToBeVisibleAsync();
        await Tab(page, "Test cases").ClickAsync();
        await Assertions.Expect(page.Locator("#testcases-empty")).ToBeVisibleAsync();
        await Tab(page, "Opt-out").ClickAsync();
        await Assertions.Expect(page.Locator("#keyword-input-global-optOut")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("#editor-tabs .mud-tabs-scroll-button")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Compliance_ChoosesBlockForFreeTextRequests_SavedAndSimulatorAnswersAStop()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        var sid = await ArrangeAsync(app);
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, Email, Password);
        await page.GotoAsync($"{app.BaseUrl}/services/{sid}");
        await page.WaitForInteractiveAsync();

        await Tab(page, "Opt-out").ClickAsync();
        await Assertions.Expect(page.Locator("#intent-editor")).ToContainTextAsync("Free-text opt-out requests");
        await Assertions.Expect(page.Locator("#intent-editor [data-intent-mode='review'] input")).ToBeCheckedAsync();
        await page.Locator("#intent-editor [data-intent-mode='block'] label").ClickAsync();
        await Assertions.Expect(page.Locator("#intent-editor [data-intent-mode='block'] input")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#unsaved-indicator")).ToBeVisibleAsync();
        await page.ClickAsync("#save-config");
        await Assertions.Expect(page.Locator("#config-version")).ToHaveTextAsync("2");
        var saved = (await app.Service<ServiceCatalog>().GetAsync(sid, CancellationToken.None))!.Value.Config;
        Assert.Equal(OptOutIntentConfig.Block, saved.OptOutIntent.Mode);

        await page.GotoAsync($"{app.BaseUrl}/simulator?sid={sid}");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#sim-message", "please stop texting me");
        await page.ClickAsync("#sim-send");

        await Assertions.Expect(page.Locator(".bubble-out")).ToHaveTextAsync(saved.Global.OptOut.Reply!);
        await Assertions.Expect(page.Locator("[data-explain='0'] summary")).ToContainTextAsync("STOP · global");
        await Assertions.Expect(page.Locator("[data-explain='0'] [data-field='intent-action']")).ToContainTextAsync("Handled as a STOP");
        await Assertions.Expect(page.Locator("#sim-blocked")).ToContainTextAsync("+14155550123");
    }

    private static ILocator Tab(IPage page, string name) => page.Locator(".mud-tab", new() { HasText = name });

    private static async Task<string> ArrangeAsync(KestrelConsoleApp app)
    {
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(Email, Password, Roles.Compliance, "test", CancellationToken.None));
        var (outcome, sid) = await app.Service<ServiceCatalog>().CreateAsync("Browser Sushi", "test", CancellationToken.None);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }
}
