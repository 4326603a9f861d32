using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Simulator;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Simulator;

/// <summary>The simulator page over the real services and the seeded demo service.</summary>
public sealed class SimulatorPageTests : MudBunitContext, IClassFixture<DemoConsoleAppFactory>
{
    private const string Canadian = "+14165550123";

    private readonly DemoConsoleAppFactory app;

    public SimulatorPageTests(DemoConsoleAppFactory app)
    {
        this.app = app;
        _ = app.Server;
        Services.AddSingleton(app.Service<ServiceCatalog>());
        Services.AddSingleton(app.Service<ServiceDirectory>());
        Services.AddSingleton(app.Service<TestCaseCatalog>());
    }

    [Fact]
    public void Send_ArretFromCanada_FrenchReplyAndExplanation()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#sim-from").Input(Canadian);
        cut.Find("#sim-message").Input("Arrêt");
        cut.Find("#sim-send").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Sushi Rewards : désabonnement confirmé", cut.Find(".bubble-out").TextContent, StringComparison.Ordinal));
        Assert.Equal("Arrêt", cut.Find(".bubble-in").TextContent);
        var explain = cut.Find("[data-explain='0']");
        Assert.Contains("ARRET", explain.QuerySelector("[data-field='match-key']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("language fr", explain.QuerySelector("[data-field='answered-by']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("fr (French)", explain.QuerySelector("[data-field='language']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(Canada, CA)", explain.QuerySelector("[data-field='sender']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("added to block list", explain.QuerySelector("[data-field='effect']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 segment · GSM-7", explain.QuerySelector("[data-field='segments']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Canadian, cut.Find("#sim-blocked").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_NotAKeyword_NoReplyAndWhy()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#sim-message").Input("see you at 7");
        cut.Find("#sim-send").Click();

        cut.WaitForAssertion(() => Assert.Contains("not a keyword", cut.Find(".bubble-none").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".bubble-out"));
        Assert.Contains("SEEYOUAT7", cut.Find("[data-explain='0'] [data-field='match-key']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_AfterStop_SimulatedBlockListEmpty()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();
        cut.Find("#sim-message").Input("STOP");
        cut.Find("#sim-send").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#sim-blocked")));

        cut.Find("#sim-reset").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#sim-blocked-empty")));
    }

    [Fact]
    public void RunBatch_ThreeLines_TableWithOneRowEach()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#batch-input").Input("STOP\nBaja\nsee you at 7\nSTART");
        cut.Find("#batch-run").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("#batch-table tbody tr").Count));
        var rows = cut.FindAll("#batch-table tbody tr");
        Assert.Equal(["STOP", "STOP", "none", "START"], rows.Select(r => r.GetAttribute("data-type")));
        Assert.Equal("global", rows[0].QuerySelector("[data-field='answered-by']")!.TextContent);
        Assert.Equal("language es", rows[1].QuerySelector("[data-field='answered-by']")!.TextContent);
        Assert.Contains("already on block list", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("not a keyword", rows[2].QuerySelector("[data-field='reply']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("removed from block list", rows[3].TextContent, StringComparison.Ordinal);
        Assert.Contains("4 text(s): 2 STOP, 1 START, 0 HELP, 1 no match", cut.Find("#batch-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadBatchFile_Latin1_RefusedWithLineAndNotRun()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();
        var latin1 = System.Text.Encoding.Latin1.GetBytes("STOP\nArr\u00eat\n");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(latin1, "texts.txt"));

        cut.WaitForAssertion(() => Assert.Contains("“texts.txt” was not loaded", cut.Find("#batch-errors").TextContent, StringComparison.Ordinal));
        Assert.Contains("0xEA at line 2", cut.Find("#batch-errors").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#batch-table"));
    }

    [Fact]
    public void RunBatch_CsvWithSenders_UsesEachRowsSender()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#batch-input").Input("from,body\n+525512345678,STOP\n+14165550123,Arrêt\n");
        cut.Find("#batch-run").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#batch-table tbody tr").Count));
        var rows = cut.FindAll("#batch-table tbody tr");
        Assert.Equal("country MX", rows[0].QuerySelector("[data-field='answered-by']")!.TextContent);
        Assert.Equal("language fr", rows[1].QuerySelector("[data-field='answered-by']")!.TextContent);
    }

    [Fact]
    public void Send_FreeTextRequestInReviewMode_NoReplyButNoteAndWhyShowsScoreAndPhrase()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#sim-message").Input("Hi, please stop texting me, thanks");
        cut.Find("#sim-send").Click();

        cut.WaitForAssertion(() => Assert.Contains("filed for review", cut.Find(".bubble-none").TextContent, StringComparison.Ordinal));
        Assert.Equal(nameof(NoReplyReason.FiledForReview), cut.Find(".bubble-none").GetAttribute("data-no-reply"));
        Assert.Empty(cut.FindAll(".bubble-out"));
        var explain = cut.Find("[data-explain='0']");
        Assert.Contains("possible opt-out request · score 0.", explain.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Possible opt-out request", explain.QuerySelector("[data-field='possible-opt-out']")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^(0\.\d\d|1\.00)$", explain.QuerySelector("[data-field='score']")!.TextContent);
        Assert.Contains("en (English)", explain.QuerySelector("[data-field='intent-language']")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith(" · ", explain.QuerySelector("[data-field='reason']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("stop texting me", explain.QuerySelector("[data-field='phrase'] mark[data-phrase]")!.TextContent);
        Assert.Equal("Hi, please stop texting me, thanks", explain.QuerySelector("[data-field='phrase']")!.TextContent);
        Assert.Equal(OptOutIntentConfig.Review, explain.QuerySelector("[data-field='intent-action']")!.GetAttribute("data-action"));
        Assert.Contains("Filed for review", explain.QuerySelector("[data-field='intent-action']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("none", explain.QuerySelector("[data-field='effect']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RunBatch_FreeTextRequest_ScoreAndPhraseColumnsAndSummary()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#batch-input").Input("STOP\nplease stop texting me\nsee you at 7");
        cut.Find("#batch-run").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#batch-table tbody tr").Count));
        var rows = cut.FindAll("#batch-table tbody tr");
        Assert.Equal(string.Empty, rows[0].QuerySelector("[data-field='score']")!.TextContent);
        Assert.Matches(@"^(0\.\d\d|1\.00)$", rows[1].QuerySelector("[data-field='score']")!.TextContent);
        Assert.Equal("stop texting me", rows[1].QuerySelector("[data-field='phrase']")!.TextContent);
        Assert.Equal("stop texting me", rows[1].QuerySelector("[data-field='body'] mark[data-phrase]")!.TextContent);
        Assert.Contains("filed for review", rows[1].QuerySelector("[data-field='reply']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, rows[2].QuerySelector("[data-field='phrase']")!.TextContent);
        Assert.Contains("1 possible opt-out request(s): 1 filed for review, 0 handled as STOP", cut.Find("#batch-possible").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_FreeTextRequestInBlockMode_StopReplyAndWhySaysHandledAsStop()
    {
        using var other = new ConsoleAppFactory();
        var config = DefaultReplies.NewConfig("Block Intent Co");
        config.OptOutIntent.Mode = OptOutIntentConfig.Block;
        var (outcome, _) = await other.Service<ServiceCatalog>().CreateAsync(config, "test", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Services.AddSingleton(other.Service<ServiceCatalog>());
        Services.AddSingleton(other.Service<ServiceDirectory>());
        Services.AddSingleton(other.Service<TestCaseCatalog>());
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#sim-message").Input("please stop texting me");
        cut.Find("#sim-send").Click();

        cut.WaitForAssertion(() => Assert.Equal(config.Global.OptOut.Reply, cut.Find(".bubble-out").TextContent));
        var explain = cut.Find("[data-explain='0']");
        Assert.StartsWith("Why? STOP · global · score 0.", explain.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("stop texting me", explain.QuerySelector("[data-field='phrase'] mark[data-phrase]")!.TextContent);
        Assert.Equal(OptOutIntentConfig.Block, explain.QuerySelector("[data-field='intent-action']")!.GetAttribute("data-action"));
        Assert.Contains("Handled as a STOP", explain.QuerySelector("[data-field='intent-action']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("added to block list", explain.QuerySelector("[data-field='effect']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsTestCase_LongEmojiTextWithTab_SuggestedNameSavesUnchanged()
    {
        SignIn(Roles.Compliance);
        var cut = RenderPage();
        // One letter, a tab, then emoji: the 100-character cut lands inside an emoji's surrogate pair.
        var body = "a\tb" + string.Concat(Enumerable.Repeat("\U0001F600", 60));
        cut.Find("#sim-from").Input("+525512345678");
        cut.Find("#sim-message").Input(body);
        cut.Find("#sim-send").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-save-case='0']")));

        cut.Find("[data-save-case='0']").Click();
        var suggested = cut.Find("#case-name").GetAttribute("value")!;
        cut.Find("#case-save").Click();

        Assert.StartsWith("a b\U0001F600", suggested, StringComparison.Ordinal);
        Assert.True(suggested.Length <= TestCaseCatalog.NameMaxLength);
        Assert.True(char.IsSurrogatePair(suggested[^2], suggested[^1]), "the name ends with a whole emoji, not half of one");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#testcase-table")));
        Assert.Single(await app.Service<TestCaseCatalog>().ListAsync(await app.DemoSidAsync(), Xunit.TestContext.Current.CancellationToken), t => t.Name == suggested);
    }

    [Fact]
    public async Task SaveAsTestCase_Compliance_SavedAndListedAsPassing()
    {
        SignIn(Roles.Compliance);
        var cut = RenderPage();
        cut.Find("#sim-from").Input("+525512345678");
        cut.Find("#sim-message").Input("Baja");
        cut.Find("#sim-send").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-save-case='0']")));

        cut.Find("[data-save-case='0']").Click();
        cut.Find("#case-name").Change("Mexican BAJA");
        cut.Find("#case-save").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#testcase-table tr[data-case='Mexican BAJA']").GetAttribute("data-passed")));
        var saved = Assert.Single(await app.Service<TestCaseCatalog>().ListAsync(await app.DemoSidAsync(), Xunit.TestContext.Current.CancellationToken), t => t.Name == "Mexican BAJA");
        Assert.Equal("STOP", saved.ExpectedType);
        Assert.Equal("language es", saved.ExpectedAnsweredBy);
        Assert.Equal("+525512345678", saved.From);
    }

    [Fact]
    public async Task TestCases_Marketer_SeesMaskedNumbers()
    {
        var sid = await app.DemoSidAsync();
        var (created, problems) = await app.Service<TestCaseCatalog>().AddAsync(sid, new TestCaseDraft("Masked STOP", "+14155550177", "STOP", "STOP", null), "test", Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(created);
        SignIn(Roles.Marketer);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("+1415•••0177", cut.Find("#testcase-table tr[data-case='Masked STOP'] code").TextContent));
        Assert.DoesNotContain("+14155550177", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Marketer_NoSaveAsTestCase()
    {
        SignIn(Roles.Marketer);
        var cut = RenderPage();

        cut.Find("#sim-message").Input("HELP");
        cut.Find("#sim-send").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".bubble-out")));
        Assert.Empty(cut.FindAll("[data-save-case]"));
    }

    [Theory]
    [InlineData(Roles.Marketer, false)]
    [InlineData(Roles.Compliance, true)]
    public void Render_NoServices_LinkToCreateOneOnlyForRolesThatCan(string role, bool linked)
    {
        using var empty = new ConsoleAppFactory();
        Services.AddSingleton(empty.Service<ServiceCatalog>());
        Services.AddSingleton(empty.Service<ServiceDirectory>());
        Services.AddSingleton(empty.Service<TestCaseCatalog>());
        SignIn(role);

        Render<MudPopoverProvider>();
        var cut = Render<SimulatorPage>();

        cut.WaitForAssertion(() => Assert.Contains("There is no messaging service yet.", cut.Find("#sim-no-services").TextContent, StringComparison.Ordinal));
        Assert.Equal(linked, cut.FindAll("#sim-no-services a[href='services']").Count == 1);
    }

    private void SignIn(string role) => AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@test.local").SetRoles(role);

    private IRenderedComponent<SimulatorPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var cut = Render<SimulatorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#sim-send")));
        return cut;
    }
}
