using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Services;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Messages;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Services;

/// <summary>The editor page over the real catalog and a real SQLite file.</summary>
public sealed class ServiceEditorPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ServiceCatalog catalog;
    private readonly TestCaseCatalog testCases;

    public ServiceEditorPageTests(ConsoleAppFactory app)
    {
        catalog = app.Service<ServiceCatalog>();
        Services.AddSingleton(catalog);
        Services.AddSingleton(app.Service<OptOutConsole.Core.Inbound.OutboxService>());
        testCases = app.Service<TestCaseCatalog>();
        Services.AddSingleton(testCases);
    }

    [Fact]
    public async Task Render_Marketer_ReadOnlyWithoutSave()
    {
        var sid = await CreateServiceAsync("Read Only Co");
        SignIn(Roles.Marketer);

        var cut = RenderPage(sid);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#read-only-indicator")));
        Assert.Empty(cut.FindAll("#save-config"));
        Assert.Empty(cut.FindAll("#import-file"));
        Assert.Empty(cut.FindAll(".mud-chip-close-button"));
        Assert.Empty(cut.FindAll("[id^='override-remove-']"));
        // The history's compare boxes only choose what to show, so they stay usable for every role.
        var inputs = cut.FindAll("input:not([type=hidden]), textarea").Where(i => i.Closest("#history-table") is null).ToList();
        Assert.NotEmpty(inputs);
        Assert.All(inputs, i => Assert.True(i.HasAttribute("disabled"), $"{i.Id ?? i.OuterHtml} is not disabled"));
    }

    [Fact]
    public async Task Render_Compliance_EditableWithSave()
    {
        var sid = await CreateServiceAsync("Editable Co");
        SignIn(Roles.Compliance);

        var cut = RenderPage(sid);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#save-config")));
        Assert.True(cut.Find("#save-config").HasAttribute("disabled"), "nothing changed yet");
        Assert.False(cut.Find("#keyword-input-global-optOut").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#unsaved-indicator"));
    }

    [Fact]
    public async Task TypeReply_161GsmCharacters_CounterSaysTwoSegmentsAndWarns()
    {
        var sid = await CreateServiceAsync("Counter Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#reply-global-optOut")));
        var saved = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Config.Global.OptOut.Reply;
        Assert.Equal(ReplyCounter.Describe(SegmentCounter.Count(saved)), cut.Find("#reply-global-optOut-counter").TextContent.Trim());

        cut.Find("#reply-global-optOut").Input(new string('a', 161));

        cut.WaitForAssertion(() => Assert.Equal("161 characters · GSM-7 · 2 segments", cut.Find("#reply-global-optOut-counter").TextContent.Trim()));
        Assert.NotNull(cut.Find(".keyword-category[data-set='global'][data-category='optOut'] [data-problem-code='reply.segments']"));
        Assert.False(cut.Find("#save-config").HasAttribute("disabled"), "a warning does not block saving");
    }

    [Fact]
    public async Task AddConflictingKeyword_Compliance_ErrorNextToFieldAndSaveDisabled()
    {
        var sid = await CreateServiceAsync("Conflict Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#keyword-input-global-optIn")));

        cut.Find("#keyword-input-global-optIn").Input("STOP");
        cut.Find("#keyword-input-global-optIn").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".keyword-category[data-set='global'][data-category='optIn'] [data-problem-code='keyword.conflict']")));
        Assert.True(cut.Find("#save-config").HasAttribute("disabled"));
        Assert.Contains("Saving is blocked", cut.Find("#save-blocked-reason").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("#unsaved-indicator"));
    }

    [Fact]
    public async Task AddKeywordAndSave_Compliance_NewVersionSaved()
    {
        var sid = await CreateServiceAsync("Save Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#keyword-input-global-optOut")));

        cut.Find("#keyword-input-global-optOut").Input("SALIR");
        cut.Find("#keyword-input-global-optOut").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.False(cut.Find("#save-config").HasAttribute("disabled")));
        cut.Find("#save-config").Click();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#config-version").TextContent.Trim()));
        var (service, config) = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value;
        Assert.Equal(2, service.Version);
        Assert.Contains("SALIR", config.Global.OptOut.Keywords);
        Assert.Empty(cut.FindAll("#unsaved-indicator"));
    }

    [Fact]
    public async Task Save_SomeoneElseSavedMeanwhile_ShowsConflictAndReload()
    {
        var sid = await CreateServiceAsync("Stale Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#keyword-input-global-optOut")));
        var other = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Config;
        other.Description = "changed elsewhere";
        Assert.Equal(SaveStatus.Saved, (await catalog.SaveAsync(sid, other, 1, "other", "elsewhere", Xunit.TestContext.Current.CancellationToken)).Status);

        cut.Find("#keyword-input-global-optOut").Input("SALIR");
        cut.Find("#keyword-input-global-optOut").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.False(cut.Find("#save-config").HasAttribute("disabled")));
        cut.Find("#save-config").Click();

        cut.WaitForAssertion(() => Assert.Contains("changed by someone else", cut.Find("#save-conflict").TextContent, StringComparison.Ordinal));
        cut.Find("#reload-config").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#config-version").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-keyword='SALIR']"));
    }

    [Fact]
    public async Task ClickProblem_ConflictInOptIn_SwitchesToOptInTab()
    {
        var sid = await CreateServiceAsync("Reveal Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#keyword-input-global-optIn")));
        cut.Find("#keyword-input-global-optIn").Input("STOP");
        cut.Find("#keyword-input-global-optIn").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("tr.problem-row[data-problem-code='keyword.conflict']")));

        cut.Find("tr.problem-row[data-problem-code='keyword.conflict']").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Opt-in", cut.Find(".mud-tab.mud-tab-active").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_MalformedJson_ErrorInPlainWordsAndNothingApplied()
    {
        var sid = await CreateServiceAsync("Bad Import Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#import-file")));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{\"friendlyName\": \"X\",\n  \"senders\": 5}", "bad.json"));

        cut.WaitForAssertion(() => Assert.Contains("“bad.json” was not imported", cut.Find("#import-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("line 2", cut.Find("#import-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("senders", cut.Find("#import-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#import-preview"));
        Assert.Empty(cut.FindAll("#unsaved-indicator"));
    }

    [Fact]
    public async Task Import_Latin1File_RefusedWithLineAndNothingApplied()
    {
        var sid = await CreateServiceAsync("Latin Import Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#import-file")));
        var file = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Config;
        file.Description = "Cafe alerts";
        // Written by hand: ToJson escapes what is not ASCII, and the point is a raw é in Latin-1 (byte 0xE9).
        var latin1 = System.Text.Encoding.Latin1.GetBytes(file.ToJson().Replace("Cafe alerts", "Caf\u00e9 alerts", StringComparison.Ordinal));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(latin1, "latin1.json"));

        cut.WaitForAssertion(() => Assert.Contains("“latin1.json” was not imported", cut.Find("#import-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("0xE9", cut.Find("#import-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("line ", cut.Find("#import-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("not UTF-8", cut.Find("#import-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#import-preview"));
        Assert.Empty(cut.FindAll("#unsaved-indicator"));
    }

    [Fact]
    public async Task Import_Utf16FileWithByteOrderMark_ReadAsTheSameDocument()
    {
        var sid = await CreateServiceAsync("Utf16 Import Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#import-file")));
        var file = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Config;
        file.Description = "Cafe alerts";
        var json = file.ToJson().Replace("Cafe alerts", "Caf\u00e9 \U0001F600 alerts", StringComparison.Ordinal);
        var utf16 = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(json)).ToArray();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(utf16, "utf16.json"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#import-diff")));
        Assert.Contains("Caf\u00e9 \U0001F600 alerts", cut.Find("#import-diff").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#import-error"));
    }

    [Fact]
    public async Task Import_ValidDocument_ShowsDiffAndAppliesOnlyAfterConfirm()
    {
        var sid = await CreateServiceAsync("Import Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#import-file")));
        var file = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Config;
        file.Global.OptOut.Keywords.Add("BAJA");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file.ToJson(), "import.json"));

        cut.WaitForAssertion(() => Assert.Contains("global.optOut.keywords: added BAJA", cut.Find("#import-diff").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-keyword='BAJA']"));
        cut.Find("#import-apply").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-keyword='BAJA']")));
        Assert.NotNull(cut.Find("#unsaved-indicator"));
        Assert.Equal(1, (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Service.Version);
    }

    [Fact]
    public async Task AddKeyword_BreaksSavedTestCase_LintTabWarnsBeforeSaving()
    {
        var sid = await CreateServiceAsync("Cases Co");
        var (created, _) = await testCases.AddAsync(sid, new TestCaseDraft("salir is chatter", "+14155550123", "Salir", null, null), "test", Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(created);
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#keyword-input-global-optOut")));
        Assert.Empty(cut.FindAll("tr.problem-row[data-problem-code='testcase.failed']"));

        cut.Find("#keyword-input-global-optOut").Input("SALIR");
        cut.Find("#keyword-input-global-optOut").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("salir is chatter", cut.Find("tr.problem-row[data-problem-code='testcase.failed']").TextContent, StringComparison.Ordinal));
        Assert.Equal("warning", cut.Find("tr.problem-row[data-problem-code='testcase.failed']").GetAttribute("data-severity"));
        Assert.False(cut.Find("#save-config").HasAttribute("disabled"), "a failing test case does not block saving");
        Assert.Equal("1", TabHeader(cut, "Lint").QuerySelector(".mud-badge")!.TextContent.Trim());
    }

    [Fact]
    public async Task ClickProblem_FailingTestCase_SwitchesToTestCasesTab()
    {
        var sid = await CreateServiceAsync("Reveal Case Co");
        await AddCaseAsync(sid, "salir is chatter", "Salir", null);
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#keyword-input-global-optOut")));
        cut.Find("#keyword-input-global-optOut").Input("SALIR");
        cut.Find("#keyword-input-global-optOut").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("tr.problem-row[data-problem-code='testcase.failed']")));

        cut.Find("tr.problem-row[data-problem-code='testcase.failed']").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Test cases", cut.Find(".mud-tab.mud-tab-active").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TestCasesTab_KeywordAddedToEditedCopy_FailRowWithActualPassRowAndBadge()
    {
        var sid = await CreateServiceAsync("Tab Co");
        await AddCaseAsync(sid, "salir is chatter", "Salir", null);
        await AddCaseAsync(sid, "stop from Canada", "stop", "STOP", "+14165550123");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#editor-testcase-table tr[data-passed='true']").Count));
        Assert.Null(TabHeader(cut, "Test cases").QuerySelector(".mud-badge"));

        cut.Find("#keyword-input-global-optOut").Input("SALIR");
        cut.Find("#keyword-input-global-optOut").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal("false", CaseRow(cut, "salir is chatter").GetAttribute("data-passed")));
        var failing = CaseRow(cut, "salir is chatter");
        Assert.Equal("FAIL", Field(failing, "result"));
        Assert.Equal("Salir", Field(failing, "body"));
        Assert.Equal("+14155550123", Field(failing, "from"));
        Assert.Equal("United States (US)", Field(failing, "country"));
        Assert.Equal("no match", Field(failing, "expected"));
        Assert.Equal("is STOP answered by global", Field(failing, "actual"));
        var passing = CaseRow(cut, "stop from Canada");
        Assert.Equal("PASS", Field(passing, "result"));
        Assert.Equal("Canada (CA)", Field(passing, "country"));
        Assert.Equal("STOP (any set)", Field(passing, "expected"));
        Assert.Equal("as expected", Field(passing, "actual"));
        Assert.Equal("1", TabHeader(cut, "Test cases").QuerySelector(".mud-badge")!.TextContent.Trim());
        Assert.Contains("unsaved changes included", cut.Find("#testcases-intro").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Service.Version);
    }

    [Fact]
    public async Task TestCasesTab_Marketer_ReadOnlyListWithoutDeleteOrAddLink()
    {
        var sid = await CreateServiceAsync("Tab Read Co");
        await AddCaseAsync(sid, "plain stop", "STOP", "STOP");
        SignIn(Roles.Marketer);

        var cut = RenderPage(sid);

        cut.WaitForAssertion(() => Assert.Equal("PASS", Field(CaseRow(cut, "plain stop"), "result")));
        Assert.Empty(cut.FindAll("[data-delete-case]"));
        Assert.Empty(cut.FindAll("#add-test-cases"));
        Assert.NotNull(cut.Find("#testcases-read-only"));
        Assert.Equal("+1415•••0123", Field(CaseRow(cut, "plain stop"), "from"));
    }

    [Fact]
    public async Task TestCasesTab_ComplianceDeletesFailingCase_GoneFromCatalogAndEditsKept()
    {
        var sid = await CreateServiceAsync("Tab Delete Co");
        await AddCaseAsync(sid, "salir is chatter", "Salir", null);
        await AddCaseAsync(sid, "plain stop", "STOP", "STOP");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#keyword-input-global-optOut")));
        Assert.Equal($"simulator?sid={sid}", cut.Find("#add-test-cases").GetAttribute("href"));
        cut.Find("#keyword-input-global-optOut").Input("SALIR");
        cut.Find("#keyword-input-global-optOut").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.Equal("false", CaseRow(cut, "salir is chatter").GetAttribute("data-passed")));

        CaseRow(cut, "salir is chatter").QuerySelector("[data-delete-case]")!.Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#editor-testcase-table tr[data-case='salir is chatter']")));
        Assert.NotNull(CaseRow(cut, "plain stop"));
        Assert.Null(TabHeader(cut, "Test cases").QuerySelector(".mud-badge"));
        Assert.Empty(cut.FindAll("tr.problem-row[data-problem-code='testcase.failed']"));
        Assert.NotNull(cut.Find("#unsaved-indicator"));
        Assert.NotNull(cut.Find("[data-set='global'][data-category='optOut'] [data-keyword='SALIR']"));
        var left = await testCases.ListAsync(sid, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("plain stop", Assert.Single(left).Name);
    }

    [Fact]
    public async Task ChooseBlockAddPhrasesAndSave_Compliance_OptOutIntentSavedInNewVersion()
    {
        var sid = await CreateServiceAsync("Intent Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#intent-editor [data-intent-mode='block'] input")));

        cut.Find("#intent-editor [data-intent-mode='block'] input").Click();
        cut.Find("#intent-phrases-input").Input("leave me alone");
        cut.Find("#intent-phrases-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.Find("#intent-ignore-input").Input("stop by our store");
        cut.Find("#intent-ignore-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.False(cut.Find("#save-config").HasAttribute("disabled")));
        cut.Find("#save-config").Click();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#config-version").TextContent.Trim()));
        var intent = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Config.OptOutIntent;
        Assert.Equal(OptOutIntentConfig.Block, intent.Mode);
        Assert.Equal(["leave me alone"], intent.Phrases);
        Assert.Equal(["stop by our store"], intent.Ignore);
        Assert.NotNull(cut.Find("[data-intent-list='phrases'] [data-phrase='leave me alone']"));
        Assert.Empty(cut.FindAll("#unsaved-indicator"));
    }

    [Fact]
    public async Task ChooseOff_Compliance_LintWarningUnderTheModeAndSavable()
    {
        var sid = await CreateServiceAsync("Intent Off Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#intent-editor [data-intent-mode='off'] input")));

        cut.Find("#intent-editor [data-intent-mode='off'] input").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#intent-editor [data-problem-code='lint.intent-off']")));
        Assert.NotNull(cut.Find("tr.problem-row[data-problem-code='lint.intent-off']"));
        Assert.False(cut.Find("#save-config").HasAttribute("disabled"), "a warning does not block saving");
    }

    [Fact]
    public async Task Import_UnknownIntentMode_ErrorOnOptOutTabAndLintRowOpensIt()
    {
        var sid = await CreateServiceAsync("Intent Import Co");
        SignIn(Roles.Compliance);
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#import-file")));
        var file = (await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken))!.Value.Config;
        file.OptOutIntent.Mode = "maybe";
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file.ToJson(), "intent.json"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#import-apply")));

        cut.Find("#import-apply").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#intent-editor [data-problem-code='intent.mode']")));
        Assert.True(cut.Find("#save-config").HasAttribute("disabled"));
        Assert.Equal("1", TabHeader(cut, "Opt-out").QuerySelector(".mud-badge")!.TextContent.Trim());
        Assert.Null(TabHeader(cut, "General").QuerySelector(".mud-badge"));
        cut.Find("tr.problem-row[data-problem-code='intent.mode']").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("Opt-out", cut.Find(".mud-tab.mud-tab-active").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_AdvancedOptOutOff_IntentSectionSaysDetectionDoesNotRun()
    {
        var config = DefaultReplies.NewConfig($"No AOO {Guid.NewGuid():N}"[..30]);
        config.AdvancedOptOutEnabled = false;
        var (outcome, sid) = await catalog.CreateAsync(config, "test", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        SignIn(Roles.Compliance);

        var cut = RenderPage(sid!);

        cut.WaitForAssertion(() => Assert.Contains("detection does not run", cut.Find("#intent-advanced-off").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_MarketerServiceWithPhrases_IntentSectionReadOnly()
    {
        var config = DefaultReplies.NewConfig($"Intent Read {Guid.NewGuid():N}"[..30]);
        config.OptOutIntent = new OptOutIntentConfig { Mode = OptOutIntentConfig.Block, Phrases = ["leave me alone"], Ignore = ["stop by our store"] };
        var (outcome, sid) = await catalog.CreateAsync(config, "test", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        SignIn(Roles.Marketer);

        var cut = RenderPage(sid!);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-intent-list='ignore'] [data-phrase='stop by our store']")));
        Assert.True(cut.Find("#intent-editor [data-intent-mode='block'] input").HasAttribute("checked"));
        Assert.Empty(cut.FindAll("#intent-editor .mud-chip-close-button"));
        Assert.All(cut.FindAll("#intent-editor input"), i => Assert.True(i.HasAttribute("disabled"), $"{i.Id ?? i.OuterHtml} is not disabled"));
    }

    private void SignIn(string role) => AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@test.local").SetRoles(role);

    private static AngleSharp.Dom.IElement TabHeader(IRenderedComponent<ServiceEditorPage> cut, string text) =>
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim().StartsWith(text, StringComparison.Ordinal));

    private static AngleSharp.Dom.IElement CaseRow(IRenderedComponent<ServiceEditorPage> cut, string name) =>
        cut.Find($"#editor-testcase-table tr[data-case='{name}']");

    private static string Field(AngleSharp.Dom.IElement row, string field) => row.QuerySelector($"[data-field='{field}']")!.TextContent.Trim();

    [Fact]
    public async Task Render_ServiceWithOverrides_EveryFieldLabelNamesOneField()
    {
        var config = DemoData.SushiRewards();
        config.FriendlyName = $"Labels {Guid.NewGuid():N}"[..30];
        config.Senders = [];
        var (outcome, sid) = await catalog.CreateAsync(config, "test", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        SignIn(Roles.Compliance);

        var cut = RenderPage(sid!);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#save-config")));
        var labels = cut.FindAll(".keyword-category label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Opt-out reply", labels);
        Assert.Contains("Mexico (MX) opt-out reply", labels);
        Assert.Contains("Spanish (es) help reply", labels);
        Assert.Contains("New opt-in keyword for French (fr) (Enter)", labels);
        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
    }

    private IRenderedComponent<ServiceEditorPage> RenderPage(string sid)
    {
        Render<MudPopoverProvider>();
        return Render<ServiceEditorPage>(p => p.Add(x => x.Sid, sid));
    }

    private async Task AddCaseAsync(string sid, string name, string body, string? expectedType, string from = "+14155550123")
    {
        var (created, problems) = await testCases.AddAsync(sid, new TestCaseDraft(name, from, body, expectedType, null), "test", Xunit.TestContext.Current.CancellationToken);
        Assert.True(created is not null, string.Join(" ", problems.Select(p => p.Message)));
    }

    private async Task<string> CreateServiceAsync(string name)
    {
        var (outcome, sid) = await catalog.CreateAsync($"{name} {Guid.NewGuid():N}"[..30], "test", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }
}
