using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Review;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Browser;

/// <summary>The review queue (issue 12) in a real browser against the real app on Kestrel, fed by the real webhook.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewBrowserTests(BrowserFixture browser)
{
    private const string CompliancePassword = "Comply!Pass123";
    private const string MarketerPassword = "Market!Pass123";
    private const string Number = "+14155550123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compliance_OptsOutAFlaggedText_SendCheckSaysBlockedWithSourceReview()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        using var api = ApiClient(app);
        var sid = await TwilioRequests.CreateServiceAsync(api, "Browser Review Co", document =>
            Assert.Equal(OptOutConsole.Core.Services.OptOutIntentConfig.Review, document["optOutIntent"]!["mode"]!.GetValue<string>()), Ct);
        await PostWebhookAsync(app, sid, Number, "Hi, please stop texting me. Thanks");
        var item = Assert.Single((await app.Service<ReviewQueue>().ListAsync(sid, ReviewStatuses.Open, 0, 10, Ct)).Items);
        Assert.Null(await app.Service<UserAdministration>().CreateAsync("compliance@review.test", CompliancePassword, Roles.Compliance, "test", Ct));
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Attach(page, app, "review");
        await page.SignInAsync(app.BaseUrl, "compliance@review.test", CompliancePassword);
        await Assertions.Expect(page.Locator("[data-nav='review'] [data-open-reviews]")).ToHaveTextAsync("1");

        await page.ClickAsync("[data-nav='review']");
        var mark = page.Locator($"#review-table [data-item='{item.Id}'] mark[data-phrase]");
        await Assertions.Expect(mark).ToHaveTextAsync(item.Phrase);
        Assert.Contains("stop texting", await mark.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.Locator("#review-table [data-number]")).ToHaveTextAsync(Number);
        await page.ClickAsync($"#review-select-{item.Id}");
        await Assertions.Expect(page.Locator("#review-selected-count")).ToHaveAttributeAsync("data-selected", "1");
        await page.ClickAsync("#review-opt-out");
        await page.FillAsync("#review-reason", "Asked us to stop in their own words");
        await page.ClickAsync("#review-decide-confirm");

        await Assertions.Expect(page.Locator("#review-table")).ToContainTextAsync("Nothing to review");
        await Assertions.Expect(page.Locator("[data-open-reviews]")).ToHaveCountAsync(0);
        var check = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/{Uri.EscapeDataString(Number)}", Ct))!;
        Assert.True(check["blocked"]!.GetValue<bool>());
        Assert.Equal("review", check["source"]!.GetValue<string>());
        await page.Locator("#review-status").GetByText("Decided").ClickAsync();
        await Assertions.Expect(page.Locator("#review-table [data-decision]")).ToHaveAttributeAsync("data-decision", ReviewDecisions.OptOut);
        await Assertions.Expect(page.Locator("#review-table [data-decided-by]")).ToHaveTextAsync("compliance@review.test");
        await watch.CheckAsync(page);
        Assert.True(watch.Problems.Count == 0, string.Join(Environment.NewLine, watch.Problems));
    }

    [Fact]
    public async Task Marketer_OpenItems_NoMenuEntryAndTheQueueIsRefused()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp();
        using var api = ApiClient(app);
        var sid = await TwilioRequests.CreateServiceAsync(api, "Browser Review Mkt", _ => { }, Ct);
        await PostWebhookAsync(app, sid, Number, "please stop texting me");
        var item = Assert.Single((await app.Service<ReviewQueue>().ListAsync(sid, ReviewStatuses.Open, 0, 10, Ct)).Items);
        Assert.Null(await app.Service<UserAdministration>().CreateAsync("marketer@review.test", MarketerPassword, Roles.Marketer, "test", Ct));
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();

        await page.SignInAsync(app.BaseUrl, "marketer@review.test", MarketerPassword);

        await Assertions.Expect(page.Locator("[data-nav='dashboard']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-nav='review']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-open-reviews]")).ToHaveCountAsync(0);
        await page.GotoAsync($"{app.BaseUrl}/review?sid={sid}");
        await page.WaitForURLAsync("**/Account/AccessDenied**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        var decide = await page.APIRequest.PostAsync($"{app.BaseUrl}/api/services/{sid}/review/{item.Id}", new() { DataObject = new { decision = "optOut", reason = "x" }, MaxRedirects = 0 });
        Assert.NotEqual(200, decide.Status);
        Assert.Equal(1, await app.Service<ReviewQueue>().OpenCountAsync([sid], Ct));
    }

    private static HttpClient ApiClient(KestrelConsoleApp app)
    {
        var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleAppFactory.ApiKey);
        return api;
    }

    /// <summary>A signed Twilio webhook post, as the provider sends it, to the address the browser uses.</summary>
    private static async Task PostWebhookAsync(KestrelConsoleApp app, string sid, string from, string body)
    {
        using var webhook = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var request = TwilioRequests.Signed(TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), baseUrl: app.BaseUrl);
        (await webhook.SendAsync(request, Ct)).EnsureSuccessStatusCode();
    }
}
