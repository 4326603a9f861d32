using Microsoft.Playwright;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ShellBrowserTests : IDisposable
{
    private readonly BrowserFixture browser;
    private readonly KestrelConsoleApp app = new();

    public ShellBrowserTests(BrowserFixture browser) => this.browser = browser;

    [Fact]
    public async Task Admin_CreatesMarketer_MarketerSeesNoUsersEntryAndIsRefused()
    {
        var chromium = browser.Require();
        await using var context = await chromium.NewConsoleContextAsync();
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();

        await page.SignInAsync(app.BaseUrl, ConsoleAppFactory.AdminEmail, ConsoleAppFactory.AdminPassword);
        await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync(ConsoleAppFactory.AdminEmail);
        await page.ClickAsync("[data-nav='admin/users']");
        await Assertions.Expect(page.Locator("#users-table")).ToContainTextAsync(ConsoleAppFactory.AdminEmail);
        await page.FillAsync("#new-user-email", "marketer@browser.test");
        await page.FillAsync("#new-user-password", "Market!Pass123");
        // The role select starts on Marketer, the least privileged role.
        Assert.Equal("Marketer", await page.InputValueAsync("#new-user-role"));
        await page.ClickAsync("#create-user");
        await Assertions.Expect(page.Locator("#users-table")).ToContainTextAsync("marketer@browser.test");
        await page.ClickAsync("#sign-out");
        // Sign-out posts, redirects and loads the login page: on two loaded cores (the whole suite at once) it has taken over 15 s.
        await page.WaitForURLAsync("**/Account/Login**", new PageWaitForURLOptions { Timeout = 45_000 });

        await page.SignInAsync(app.BaseUrl, "marketer@browser.test", "Market!Pass123");
        await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync("Marketer");
        await Assertions.Expect(page.Locator("[data-nav='services']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-nav='admin/users']").CountAsync());
        var response = await page.GotoAsync($"{app.BaseUrl}/admin/users");

        Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
    }

    public void Dispose() => app.Dispose();
}
