using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Browser;

/// <summary>
/// Every screen of DESIGN 7 walked in a real browser as each role of DESIGN 6, the way a new user would: the main
/// actions work, nothing errs in the browser or on the server, and each role sees and may use only what it may.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RoleWalkBrowserTests(BrowserFixture browser)
{
    private const string CompliancePassword = "Comply!Pass123";
    private const string MarketerPassword = "Market!Pass123";

    [Fact]
    public async Task Admin_WalksEveryScreen_NothingErrs()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp(seedDemo: true);
        var sid = await DemoSidAsync(app);
        await PostEventsAsync(app, sid);
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Attach(page, app, "admin");

        await StepAsync(watch, page, "sign-in", () => page.SignInAsync(app.BaseUrl, ConsoleAppFactory.AdminEmail, ConsoleAppFactory.AdminPassword));
        await StepAsync(watch, page, "users", async () =>
        {
            await page.ClickAsync("[data-nav='admin/users']");
            await CreateUserAsync(page, "compliance@walk.test", CompliancePassword, "Compliance");
            await CreateUserAsync(page, "marketer@walk.test", MarketerPassword, "Marketer");
        });
        await StepAsync(watch, page, "api-keys", async () =>
        {
            await page.ClickAsync("[data-nav='admin/api-keys']");
            await page.FillAsync("#new-key-name", "walk automation");
            await page.ClickAsync("#create-key");
            await Assertions.Expect(page.Locator("#new-key-secret")).ToContainTextAsync("ooc_");
            await Assertions.Expect(page.Locator("#keys-table")).ToContainTextAsync("walk automation");
            await page.Locator("#keys-table tr", new() { HasText = "walk automation" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Assertions.Expect(page.Locator("#keys-table tr", new() { HasText = "walk automation" })).ToContainTextAsync("revoked");
        });
        await WalkEditorRoleAsync(watch, page, app, sid, isAdmin: true);

        Report(watch);
    }

    [Fact]
    public async Task Compliance_WalksEveryScreen_NoUserOrKeyManagement()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp(seedDemo: true);
        var sid = await DemoSidAsync(app);
        await PostEventsAsync(app, sid);
        Assert.Null(await app.Service<UserAdministration>().CreateAsync("compliance@walk.test", CompliancePassword, Roles.Compliance, "test", CancellationToken.None));
        await using var context = await DefaultWindowAsync(chromium);
        var page = await context.NewPageAsync();
        var watch = PageWatch.Attach(page, app, "compliance");

        await StepAsync(watch, page, "sign-in", () => page.SignInAsync(app.BaseUrl, "compliance@walk.test", CompliancePassword));
        await StepAsync(watch, page, "no-admin-nav", async () =>
        {
            await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync("Compliance");
            await Assertions.Expect(page.Locator("[data-nav='block-list']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-nav='review']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-nav='audit']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-nav='admin/users']")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-nav='admin/api-keys']")).ToHaveCountAsync(0);
        });
        foreach (var path in new[] { "/admin/users", "/admin/api-keys", "/admin/retention" })
        {
            await StepAsync(watch, page, $"refused {path}", () => ExpectRefusedAsync(page, app, path));
        }

        await WalkEditorRoleAsync(watch, page, app, sid, isAdmin: false);

        Report(watch);
    }

    [Fact]
    public async Task Marketer_WalksEveryScreen_ReadsOnlyAndSeesMaskedNumbers()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp(seedDemo: true);
        var sid = await DemoSidAsync(app);
        await PostEventsAsync(app, sid);
        Assert.Null(await app.Service<UserAdministration>().CreateAsync("marketer@walk.test", MarketerPassword, Roles.Marketer, "test", CancellationToken.None));
        var (saved, _) = await app.Service<TestCaseCatalog>().AddAsync(sid, new TestCaseDraft("Mexican STOP", "+525512345678", "STOP", "STOP", null), "test", CancellationToken.None);
        Assert.NotNull(saved);
        await using var context = await DefaultWindowAsync(chromium);
        var page = await context.NewPageAsync();
        var watch = PageWatch.Attach(page, app, "marketer");

        await StepAsync(watch, page, "sign-in", () => page.SignInAsync(app.BaseUrl, "marketer@walk.test", MarketerPassword));
        await StepAsync(watch, page, "nav", async () =>
        {
            await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync("Marketer");
            foreach (var hidden in new[] { "block-list", "review", "subscribers", "audit", "admin/users", "admin/api-keys", "admin/retention" })
            {
                await Assertions.Expect(page.Locator($"[data-nav='{hidden}']")).ToHaveCountAsync(0);
            }
        });
        foreach (var path in new[] { "/admin/users", "/admin/api-keys", "/admin/retention", "/block-list", "/review", "/subscribers", "/audit" })
        {
            await StepAsync(watch, page, $"refused {path}", () => ExpectRefusedAsync(page, app, path));
        }

        await StepAsync(watch, page, "refused block-list export", async () =>
        {
            var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/block-list/export?sid={sid}", new() { MaxRedirects = 0 });
            Assert.NotEqual(200, response.Status);
        });

        await StepAsync(watch, page, "services", async () =>
        {
            await page.ClickAsync("[data-nav='services']");
            await Assertions.Expect(page.Locator("#services-table")).ToContainTextAsync(DemoData.ServiceName);
            await Assertions.Expect(page.Locator("#create-service")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator($"#delete-{sid}")).ToHaveCountAsync(0);
        });
        await StepAsync(watch, page, "editor read-only", async () =>
        {
            await page.Locator("#services-table").GetByRole(AriaRole.Link, new() { Name = DemoData.ServiceName }).ClickAsync();
            await Assertions.Expect(page.Locator("#read-only-indicator")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#save-config")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#import-config")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#field-friendlyName")).ToBeDisabledAsync();
            foreach (var tab in new[] { "Opt-out", "Opt-in", "Help" })
            {
                await Tab(page, tab).ClickAsync();
                await Assertions.Expect(page.Locator(".mud-tabs-panels .mud-chip-close-button:visible")).ToHaveCountAsync(0);
                await Assertions.Expect(page.Locator("textarea[id^='reply-global-']:visible")).ToBeDisabledAsync();
            }

            await Tab(page, "Overrides").ClickAsync();
            await Assertions.Expect(page.Locator("#add-language")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[id^='override-remove-']")).ToHaveCountAsync(0);
            await Tab(page, "Lint").ClickAsync();
            await Tab(page, "History").ClickAsync();
            await Assertions.Expect(page.Locator("[id^='rollback-']")).ToHaveCountAsync(0);
            await Tab(page, "Test cases").ClickAsync();
            await Assertions.Expect(page.Locator("#editor-testcase-table [data-field='from']")).ToHaveTextAsync("+5255•••5678");
            await Assertions.Expect(page.Locator("[data-delete-case]")).ToHaveCountAsync(0);
            await CheckMaskingAsync(watch, page, masked: true, "#editor-testcase-table");
            await Tab(page, "Forwarding").ClickAsync();
            await Assertions.Expect(page.Locator("#forwarding-retry")).ToHaveCountAsync(0);
        });
        await WalkReadScreensAsync(watch, page, app, sid, masked: true);

        Report(watch);
    }

    [Fact]
    public async Task Anonymous_EveryPage_GoesToLogin_AndFiveBadPasswordsLockTheAccount()
    {
        var chromium = browser.Require();
        using var app = new KestrelConsoleApp(seedDemo: true);
        var sid = await DemoSidAsync(app);
        Assert.Null(await app.Service<UserAdministration>().CreateAsync("marketer@walk.test", MarketerPassword, Roles.Marketer, "test", CancellationToken.None));
        await using var context = await chromium.NewConsoleContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Attach(page, app, "anonymous");

        foreach (var path in new[] { "/", "/services", $"/services/{sid}", "/simulator", "/preview", "/dashboard", "/block-list", "/review", "/subscribers", "/audit", "/admin/users", "/admin/api-keys", "/admin/retention" })
        {
            await StepAsync(watch, page, $"anonymous {path}", async () =>
            {
                await page.GotoAsync(app.BaseUrl + path);
                await page.WaitForURLAsync("**/Account/Login**");
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
            });
        }

        await StepAsync(watch, page, "unknown address", async () =>
        {
            watch.ExpectedRefusals.Add("/no-such-page");
            watch.ExpectedMessages.Add("the server responded with a status of 404");
            var response = await page.GotoAsync($"{app.BaseUrl}/no-such-page");
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByText("There is nothing at this address.")).ToBeVisibleAsync();
        });

        foreach (var path in new[] { "/dashboard/events.csv", $"/block-list/export?sid={sid}" })
        {
            await StepAsync(watch, page, $"anonymous download {path}", async () =>
            {
                var response = await page.APIRequest.GetAsync(app.BaseUrl + path, new() { MaxRedirects = 0 });
                Assert.NotEqual(200, response.Status);
            });
        }

        await StepAsync(watch, page, "lockout", async () =>
        {
            watch.ExpectedMessages.Add("is locked out");
            // Six sign-in posts, each a password hash: on two cores loaded by the whole suite one has taken over 15 s.
            page.SetDefaultTimeout(45_000);
            for (var i = 0; i < 5; i++)
            {
                await page.GotoAsync($"{app.BaseUrl}/Account/Login");
                await page.FillAsync("#Input\\.Email", "marketer@walk.test");
                await page.FillAsync("#Input\\.Password", "wrong-password-" + i);
                await page.ClickAsync("#login-submit");
                await page.WaitForLoadStateAsync();
            }

            await page.GotoAsync($"{app.BaseUrl}/Account/Login");
            await page.FillAsync("#Input\\.Email", "marketer@walk.test");
            await page.FillAsync("#Input\\.Password", MarketerPassword);
            await page.ClickAsync("#login-submit");
            await page.WaitForURLAsync("**/Account/Lockout**");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Account locked");
        });

        Report(watch);
    }

    /// <summary>What Admin and Compliance share: every screen with its writing actions.</summary>
    private static async Task WalkEditorRoleAsync(PageWatch watch, IPage page, KestrelConsoleApp app, string sid, bool isAdmin)
    {
        string? tempSid = null;
        await StepAsync(watch, page, "services create", async () =>
        {
            await page.ClickAsync("[data-nav='services']");
            await Assertions.Expect(page.Locator("#services-table")).ToContainTextAsync(DemoData.ServiceName);
            await page.FillAsync("#services-search", "sushi");
            await Assertions.Expect(page.Locator("#services-table tbody tr")).ToHaveCountAsync(1);
            await page.FillAsync("#services-search", "nothing like this");
            await Assertions.Expect(page.Locator("#services-table")).ToContainTextAsync("No service matches");
            await page.FillAsync("#services-search", string.Empty);
            await page.ClickAsync("#create-service");
            await page.FillAsync("#new-service-name", "Walk Temp");
            await page.ClickAsync("#create-service-confirm");
            await Assertions.Expect(page.Locator("#service-title")).ToHaveTextAsync("Walk Temp", new() { Timeout = 30000 });
            tempSid = ServiceSid().Match(page.Url).Value;
            Assert.NotEmpty(tempSid);
        });
        await StepAsync(watch, page, "services delete", async () =>
        {
            await page.ClickAsync("[data-nav='services']");
            await page.ClickAsync($"#delete-{tempSid}");
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Assertions.Expect(page.Locator($"[data-sid='{tempSid}']")).ToHaveCountAsync(0);
        });
        await StepAsync(watch, page, "editor general", async () =>
        {
            await page.GotoAsync($"{app.BaseUrl}/services/{sid}");
            await page.WaitForInteractiveAsync();
            await page.FillAsync("#field-description", "Walked by a browser test.");
            await Assertions.Expect(page.Locator("#unsaved-indicator")).ToBeVisibleAsync();
        });
        foreach (var (tab, category) in new[] { ("Opt-out", "optOut"), ("Opt-in", "optIn"), ("Help", "help") })
        {
            await StepAsync(watch, page, $"editor {category}", async () =>
            {
                await Tab(page, tab).ClickAsync();
                var input = $"#keyword-input-global-{category}";
                await page.FillAsync(input, $"WALK{category.ToUpperInvariant()}");
                await page.PressAsync(input, "Enter");
                await Assertions.Expect(page.Locator($"[data-set='global'][data-category='{category}'] [data-keyword='WALK{category.ToUpperInvariant()}']")).ToBeVisibleAsync();
                var counter = page.Locator($"#reply-global-{category}-counter");
                var before = await counter.InnerTextAsync();
                await page.FillAsync($"#reply-global-{category}", new string('x', 170));
                await Assertions.Expect(counter).ToHaveTextAsync("170 characters · GSM-7 · 2 segments");
                await page.FillAsync($"#reply-global-{category}", "Reply with emoji 😀");
                await Assertions.Expect(counter).ToContainTextAsync("UCS-2");
                Assert.NotEqual(before, await counter.InnerTextAsync());
            });
        }

        await StepAsync(watch, page, "editor lint", async () =>
        {
            await Tab(page, "Lint").ClickAsync();
            await Assertions.Expect(page.Locator("#problem-list .problem-row").First).ToBeVisibleAsync();
            await page.Locator("#problem-list .problem-row").First.ClickAsync();
        });
        await StepAsync(watch, page, "editor discard", async () =>
        {
            await page.ClickAsync("#discard-changes");
            await Assertions.Expect(page.Locator("#unsaved-indicator")).ToHaveCountAsync(0);
        });
        await StepAsync(watch, page, "editor overrides reorder and save", async () =>
        {
            await Tab(page, "Overrides").ClickAsync();
            var first = await page.Locator("[data-override^='languages']").First.GetAttributeAsync("data-override");
            await page.Locator("[id^='override-down-languages-']").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-override^='languages']").Nth(1)).ToHaveAttributeAsync("data-override", first!);
            await page.FillAsync("#save-summary", "reordered languages");
            await page.ClickAsync("#save-config");
            await Assertions.Expect(page.Locator("#config-version")).ToHaveTextAsync("2");
        });
        await StepAsync(watch, page, "editor history diff and rollback", async () =>
        {
            await Tab(page, "History").ClickAsync();
            await page.Locator("#history-select-2").ClickAsync();
            await Assertions.Expect(page.Locator("#history-diff")).ToBeVisibleAsync();
            await page.ClickAsync("#rollback-1");
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
            await Assertions.Expect(page.Locator("#config-version")).ToHaveTextAsync("3");
        });
        await StepAsync(watch, page, "editor test cases", async () =>
        {
            await Tab(page, "Test cases").ClickAsync();
            await Assertions.Expect(page.Locator("#testcases-empty, #editor-testcase-table").First).ToBeVisibleAsync();
        });
        await StepAsync(watch, page, "editor forwarding", async () =>
        {
            await Tab(page, "Forwarding").ClickAsync();
            await Assertions.Expect(page.Locator("#forwarding-table")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#forwarding-retry")).ToHaveCountAsync(isAdmin ? 1 : 0);
        });
        await StepAsync(watch, page, "simulator save test case", async () =>
        {
            await page.GotoAsync($"{app.BaseUrl}/simulator?sid={sid}");
            await page.WaitForInteractiveAsync();
            await page.FillAsync("#sim-message", "STOP");
            await page.PressAsync("#sim-message", "Enter");
            await Assertions.Expect(page.Locator(".bubble-out")).ToBeVisibleAsync();
            await page.ClickAsync("[data-save-case='0']");
            await page.ClickAsync("#case-save");
            await Assertions.Expect(page.Locator("#case-form")).ToHaveCountAsync(0);
            await Tab(page, "Test cases").ClickAsync();
            await Assertions.Expect(page.Locator("#testcase-table tbody tr")).ToHaveCountAsync(1);
        });
        await WalkReadScreensAsync(watch, page, app, sid, masked: false);
        await StepAsync(watch, page, "block list", async () =>
        {
            await page.ClickAsync("[data-nav='block-list']");
            await page.Locator("#bl-ready[data-ready='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await Assertions.Expect(page.Locator("#bl-table [data-number='+14155550121']")).ToBeVisibleAsync();
            await page.FillAsync("#bl-search", "0121");
            await Assertions.Expect(page.Locator("#bl-table tbody tr")).ToHaveCountAsync(1);
            await page.FillAsync("#bl-search", string.Empty);
            await page.ClickAsync("#bl-add");
            await page.FillAsync("#bl-add-number", "+14155550188");
            await page.ClickAsync("#bl-entry-confirm");
            await Assertions.Expect(page.Locator("#bl-entry-error")).ToBeVisibleAsync();
            await page.FillAsync("#bl-entry-reason", "asked by phone");
            await page.ClickAsync("#bl-entry-confirm");
            await Assertions.Expect(page.Locator("#bl-table [data-number='+14155550188']")).ToBeVisibleAsync();
            await page.ClickAsync("#bl-remove-14155550188");
            await page.FillAsync("#bl-entry-reason", "added by mistake");
            await page.ClickAsync("#bl-entry-confirm");
            await Assertions.Expect(page.Locator("#bl-table [data-number='+14155550188']")).ToHaveCountAsync(0);
        });
        await StepAsync(watch, page, "block list import", async () =>
        {
            await page.Locator("#bl-import-file").SetInputFilesAsync(new FilePayload
            {
                Name = "walk.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes("number\n+14155550131\nnot a number\n"),
            });
            await page.ClickAsync("#bl-import-run");
            await Assertions.Expect(page.Locator("#bl-import-summary")).ToContainTextAsync("1 added");
            await Assertions.Expect(page.Locator("#bl-rejected-table tbody tr")).ToHaveCountAsync(1);
        });
        await StepAsync(watch, page, "block list export", async () =>
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#bl-export"));
            var path = await download.PathAsync();
            Assert.Contains("+14155550131", await File.ReadAllTextAsync(path!));
        });
        await StepAsync(watch, page, "review", async () =>
        {
            using var webhook = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var text = TwilioRequests.Signed(TwilioRequests.SmsPath, TwilioRequests.Inbound("+14155550177", "Hi, please stop texting me", sid), baseUrl: app.BaseUrl);
            (await webhook.SendAsync(text, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            await page.ClickAsync("[data-nav='review']");
            await Assertions.Expect(page.Locator("#review-table mark[data-phrase]")).ToContainTextAsync("stop texting");
            await Assertions.Expect(page.Locator("#review-table [data-number='+14155550177']")).ToHaveTextAsync("+14155550177");
            await page.ClickAsync("#review-select-page");
            await page.ClickAsync("#review-dismiss");
            await page.ClickAsync("#review-decide-confirm");
            await Assertions.Expect(page.Locator("#review-decide-error")).ToBeVisibleAsync();
            await page.FillAsync("#review-reason", "walk: a question, not a request");
            await page.ClickAsync("#review-decide-confirm");
            await Assertions.Expect(page.Locator("#review-table")).ToContainTextAsync("Nothing to review");
            await page.Locator("#review-status").GetByText("Decided").ClickAsync();
            await Assertions.Expect(page.Locator("#review-table [data-reason]")).ToHaveTextAsync("walk: a question, not a request");
        });
        await StepAsync(watch, page, "audit", async () =>
        {
            await page.ClickAsync("[data-nav='audit']");
            await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("asked by phone");
            await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("walk: a question, not a request");
        });
    }

    /// <summary>The screens every role reads: simulator (conversation, batch), preview, dashboard with its CSV.</summary>
    private static async Task WalkReadScreensAsync(PageWatch watch, IPage page, KestrelConsoleApp app, string sid, bool masked)
    {
        await StepAsync(watch, page, "simulator conversation", async () =>
        {
            await page.ClickAsync("[data-nav='simulator']");
            await page.WaitForInteractiveAsync();
            await Tab(page, "Conversation").ClickAsync();
            await page.FillAsync("#sim-from", "+525512345678");
            await page.FillAsync("#sim-message", "Baja");
            await page.ClickAsync("#sim-send");
            await Assertions.Expect(page.Locator(".bubble-in").Last).ToHaveTextAsync("Baja");
            await Assertions.Expect(page.Locator(".bubble-out").Last).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#sim-blocked")).ToBeVisibleAsync();
            await page.ClickAsync("#sim-reset");
            await Assertions.Expect(page.Locator("#sim-blocked-empty")).ToBeVisibleAsync();
            await page.ClickAsync("#sim-clear");
            await Assertions.Expect(page.Locator(".exchange")).ToHaveCountAsync(0);
        });
        await StepAsync(watch, page, "simulator batch", async () =>
        {
            await Tab(page, "Batch").ClickAsync();
            await page.FillAsync("#batch-input", "STOP\nArrêt\nstop please\nHELP");
            await page.ClickAsync("#batch-run");
            await Assertions.Expect(page.Locator("#batch-table tbody tr")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("#batch-summary")).ToContainTextAsync("4 text(s)");
        });
        await StepAsync(watch, page, "simulator test cases", async () =>
        {
            await Tab(page, "Test cases").ClickAsync();
            await Assertions.Expect(page.Locator("#testcase-table")).ToBeVisibleAsync();
            if (masked)
            {
                await Assertions.Expect(page.Locator("#testcase-table tr[data-case='Mexican STOP'] code")).ToHaveTextAsync("+5255•••5678");
            }

            await CheckMaskingAsync(watch, page, masked, "#testcase-table");
        });
        await StepAsync(watch, page, "preview", async () =>
        {
            await page.ClickAsync("[data-nav='preview']");
            await Assertions.Expect(page.Locator("#preview-table [data-country='MX'][data-category='STOP']").First).ToBeVisibleAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#preview-export"));
            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        });
        await StepAsync(watch, page, "dashboard", async () =>
        {
            await page.ClickAsync("[data-nav='dashboard']");
            await Assertions.Expect(page.Locator("#total-stop [data-value]")).ToHaveAttributeAsync("data-value", "2");
            await Assertions.Expect(page.Locator("#events-table tbody tr")).ToHaveCountAsync(4);
            await CheckMaskingAsync(watch, page, masked, "#events-table");
            await page.Locator("#dashboard-preset").GetByText("30 days").ClickAsync();
            await Assertions.Expect(page.Locator("#total-stop [data-value]")).ToHaveAttributeAsync("data-value", "2");
        });
        await StepAsync(watch, page, "dashboard type filter", async () =>
        {
            await Select(page, "#dashboard-type").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "HELP" }).ClickAsync();
            await Assertions.Expect(page.Locator("#events-table tbody tr")).ToHaveCountAsync(1);
        });
        await StepAsync(watch, page, "dashboard csv", async () =>
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains("HELP", csv, StringComparison.Ordinal);
            if (masked && FullNumber().IsMatch(csv))
            {
                watch.Add($"the dashboard CSV shows a full number to a marketer: {FullNumber().Match(csv).Value}");
            }
        });
    }

    /// <summary>For a marketer, no phone number in <paramref name="selector"/> is written out in full.</summary>
    private static async Task CheckMaskingAsync(PageWatch watch, IPage page, bool masked, string selector)
    {
        if (!masked)
        {
            return;
        }

        var text = await page.Locator(selector).InnerTextAsync();
        if (FullNumber().Match(text) is { Success: true } m)
        {
            var around = text.Substring(Math.Max(0, m.Index - 60), Math.Min(text.Length - Math.Max(0, m.Index - 60), 120 + m.Length)).ReplaceLineEndings(" ");
            await watch.FlagAsync(page, $"a marketer sees a full number: {m.Value} in “{around}”");
        }
    }

    private static async Task CreateUserAsync(IPage page, string email, string password, string role)
    {
        await page.FillAsync("#new-user-email", email);
        await page.FillAsync("#new-user-password", password);
        await Select(page, "#new-user-role").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = role }).ClickAsync();
        await page.ClickAsync("#create-user");
        await Assertions.Expect(page.Locator("#users-table tr", new() { HasText = email })).ToBeVisibleAsync();
    }

    private static async Task ExpectRefusedAsync(IPage page, KestrelConsoleApp app, string path)
    {
        await page.GotoAsync(app.BaseUrl + path);
        await page.WaitForURLAsync("**/Account/AccessDenied**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the console" }).ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Runs one step of a walk; a failure is recorded with a screenshot and the walk goes on.</summary>
    private static async Task StepAsync(PageWatch watch, IPage page, string name, Func<Task> action)
    {
        watch.Step(name);
        try
        {
            await action();
            await watch.CheckAsync(page);
        }
        catch (Exception ex)
        {
            await watch.FlagAsync(page, $"step failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }

    private static void Report(PageWatch watch) =>
        Assert.True(watch.Problems.Count == 0, string.Join(Environment.NewLine, watch.Problems));

    /// <summary>Signed webhook messages from four senders: two STOP, a START, a HELP.</summary>
    private static async Task PostEventsAsync(KestrelConsoleApp app, string sid)
    {
        using var webhook = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        foreach (var (from, body) in new[] { ("+14155550121", "STOP"), ("+14155550122", "stop"), ("+14165550123", "START"), ("+525512345678", "HELP") })
        {
            var request = TwilioRequests.Signed(TwilioRequests.SmsPath, TwilioRequests.Inbound(from, body, sid), baseUrl: app.BaseUrl);
            (await webhook.SendAsync(request, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>A context with Playwright's default 1280 x 720 window, a common laptop size.</summary>
    private static async Task<IBrowserContext> DefaultWindowAsync(IBrowser chromium)
    {
        var context = await chromium.NewContextAsync();
        context.SetDefaultTimeout(15000);
        return context;
    }

    private static async Task<string> DemoSidAsync(KestrelConsoleApp app) =>
        Assert.Single(await app.Service<ServiceCatalog>().ListAsync(DemoData.ServiceName, CancellationToken.None)).Sid;

    /// <summary>The innermost MudSelect around the input <paramref name="inputSelector"/>: a click opens its list.</summary>
    private static ILocator Select(IPage page, string inputSelector) => page.Locator(".mud-select", new() { Has = page.Locator(inputSelector) }).Last;

    private static ILocator Tab(IPage page, string name) => page.Locator(".mud-tab", new() { HasText = name });

    [GeneratedRegex("MG[0-9a-f]{32}")]
    private static partial Regex ServiceSid();

    /// <summary>An E.164 number written out in full (a masked one has dots in the middle).</summary>
    [GeneratedRegex(@"\+\d{10,15}")]
    private static partial Regex FullNumber();
}
