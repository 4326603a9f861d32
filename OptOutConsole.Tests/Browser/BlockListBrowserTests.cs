using Microsoft.Playwright;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Browser;

/// <summary>The block list page in a real browser against the real app on Kestrel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BlockListBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_ImportsSmallCsvWithOneBadRow_SeesSummaryAndRejectedRow()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        var (outcome, sid) = await app.Service<ServiceCatalog>().CreateAsync("Browser Block Co", "test", CancellationToken.None);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, ConsoleAppFactory.AdminEmail, ConsoleAppFactory.AdminPassword);
        await page.GotoAsync($"{app.BaseUrl}/block-list?sid={sid}");
        await page.WaitForInteractiveAsync();
        await page.Locator("#bl-ready[data-ready='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await page.Locator("#bl-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "legacy-opt-outs.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("number,date,source\n+14155550123,2024-03-05,keyword\n(415) 555-0124,,\n12345 not a phone,,\n"),
        });
        await page.ClickAsync("#bl-import-run");

        var summary = page.Locator("#bl-import-summary");
        await Assertions.Expect(summary).ToContainTextAsync("3 rows");
        await Assertions.Expect(summary).ToContainTextAsync("2 added");
        await Assertions.Expect(summary).ToContainTextAsync("0 already present");
        await Assertions.Expect(summary).ToContainTextAsync("1 rejected");
        var rejected = page.Locator("#bl-rejected-table tbody tr");
        await Assertions.Expect(rejected).ToHaveCountAsync(1);
        await Assertions.Expect(rejected.First).ToContainTextAsync("4");
        await Assertions.Expect(rejected.First).ToContainTextAsync("12345 not a phone");
        await Assertions.Expect(page.Locator("#bl-table [data-number='+14155550124']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#bl-import-progress")).ToBeVisibleAsync();
    }
}
