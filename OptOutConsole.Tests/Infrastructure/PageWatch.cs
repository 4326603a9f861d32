using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// Watches a browser page and the server behind it while a test walks the console: console errors, uncaught page
/// errors, failed requests (4xx/5xx), server log entries at warning or above, and Blazor's error bar. Each problem is
/// recorded with the step it happened in, and the page is photographed then (into the temp folder's ui-pass/), so a
/// failing walk says what broke where. OPTOUT_TEST_SCREENSHOTS=1 photographs every step, for a person to look at.
/// </summary>
public sealed class PageWatch : ILoggerProvider
{
    private static readonly bool PhotographEveryStep = Environment.GetEnvironmentVariable("OPTOUT_TEST_SCREENSHOTS") == "1";

    private readonly ConcurrentQueue<string> problems = new();
    private readonly string screenshots;
    private readonly string name;
    private string step = "start";
    private int shot;

    private PageWatch(string name, string screenshots)
    {
        this.name = name;
        this.screenshots = screenshots;
    }

    /// <summary>Request paths whose 4xx answers a step expects (e.g. the not-found page).</summary>
    public ConcurrentBag<string> ExpectedRefusals { get; } = [];

    /// <summary>Parts of browser console errors and server log messages a step expects (e.g. a lockout warning).</summary>
    public ConcurrentBag<string> ExpectedMessages { get; } = [];

    public IReadOnlyCollection<string> Problems => problems;

    /// <summary>Starts watching <paramref name="page"/> and the log of <paramref name="app"/>; <paramref name="name"/> prefixes each problem.</summary>
    public static PageWatch Attach(IPage page, ConsoleAppFactory app, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ui-pass");
        Directory.CreateDirectory(folder);
        var watch = new PageWatch(name, folder);
        app.Service<ILoggerFactory>().AddProvider(watch);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !watch.Expected(message.Text))
            {
                watch.Add($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => watch.Add($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A download the page starts itself, or a navigation that replaced a pending request, is not a failure.
            if (request.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal) && !watch.IsExpectedRefusal(request.Url))
            {
                watch.Add($"request failed: {request.Method} {request.Url}: {failure}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !watch.IsExpectedRefusal(response.Url))
            {
                watch.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        return watch;
    }

    /// <summary>Names the step the next problems belong to.</summary>
    public void Step(string stepName) => step = stepName;

    public void Add(string problem) => problems.Enqueue($"[{name} · {step}] {problem}");

    /// <summary>Records a problem and photographs the page.</summary>
    public async Task FlagAsync(IPage page, string problem)
    {
        var file = NextScreenshot();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Add($"{problem} (screenshot {file})");
    }

    /// <summary>Checks the page as it stands (Blazor's error bar hidden, no unhandled-error text), then photographs it if asked to.</summary>
    public async Task CheckAsync(IPage page)
    {
        if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
        {
            await FlagAsync(page, "Blazor's error bar is visible");
        }

        var text = await page.Locator("body").InnerTextAsync();
        if (text.Contains("An unhandled error has occurred", StringComparison.OrdinalIgnoreCase)
            || text.Contains("An unhandled exception", StringComparison.OrdinalIgnoreCase))
        {
            await FlagAsync(page, "the page reports an unhandled error");
        }

        if (PhotographEveryStep)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = NextScreenshot(), FullPage = true });
        }
    }

    private string NextScreenshot() =>
        Path.Combine(screenshots, $"{name}-{Interlocked.Increment(ref shot):00}-{new string([.. step.Select(c => char.IsLetterOrDigit(c) ? c : '-')])}.png");

    private bool Expected(string message) => ExpectedMessages.Any(e => message.Contains(e, StringComparison.Ordinal));

    private bool IsExpectedRefusal(string url) => ExpectedRefusals.Contains(new Uri(url).AbsolutePath);

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new Logger(this, categoryName);

    void IDisposable.Dispose()
    {
    }

    private sealed class Logger(PageWatch watch, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (IsEnabled(logLevel) && !watch.Expected(message))
            {
                watch.Add($"server {logLevel} {category}: {message} {exception?.GetType().Name} {exception?.Message}".TrimEnd());
            }
        }
    }
}
