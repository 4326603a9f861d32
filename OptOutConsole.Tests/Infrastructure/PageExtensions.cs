using Microsoft.Playwright;

namespace OptOutConsole.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>A fresh context with a desktop-sized window (every editor tab fits) and 15 s timeouts.</summary>
    public static async Task<IBrowserContext> NewConsoleContextAsync(this IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        context.SetDefaultTimeout(15000);
        return context;
    }

    /// <summary>Waits until the Blazor circuit is interactive (the layout's marker says so) before clicking.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#interactive-marker[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 15000 });

    public static async Task SignInAsync(this IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync($"{baseUrl}/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForInteractiveAsync();
    }
}
