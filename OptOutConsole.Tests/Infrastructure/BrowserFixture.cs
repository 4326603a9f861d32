using Microsoft.Playwright;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. Without /usr/bin/chromium the browser tests skip with a message saying how
/// to install it, unless OPTOUT_REQUIRE_BROWSER=1 (set by .ci/run), which turns the skip into a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public static bool Required => Environment.GetEnvironmentVariable("OPTOUT_REQUIRE_BROWSER") == "1";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The browser, or a skip (a failure when the browser is required).</summary>
    public IBrowser Require()
    {
        if (Browser is not null)
        {
            return Browser;
        }

        const string message = "Browser tests need Debian's Chromium at /usr/bin/chromium: run 'apt-get install -y chromium' (as root).";
        if (Required)
        {
            Assert.Fail(message + " OPTOUT_REQUIRE_BROWSER=1 makes this a failure.");
        }

        Assert.Skip(message);
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
