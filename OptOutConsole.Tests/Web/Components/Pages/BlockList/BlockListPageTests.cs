using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.BlockList;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.BlockList;

/// <summary>The block list page over the real Core services and a real SQLite file.</summary>
public sealed class BlockListPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;
    private IRenderedComponent<MudDialogProvider> dialogs = null!;

    public BlockListPageTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<ServiceCatalog>());
        Services.AddSingleton(app.Service<BlockListService>());
        Services.AddSingleton(app.Service<BlockListImporter>());
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_NationalFormat_ShowsOnlyThatNumber()
    {
        var sid = await ServiceWithAsync("+14155550123\n+14155550124\n+447400123456\n");
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#bl-table [data-number]").Count));

        cut.Find("#bl-search").Input("(415) 555-0124");

        cut.WaitForAssertion(() => Assert.Equal("+14155550124", Assert.Single(cut.FindAll("#bl-table [data-number]")).TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Add_WithoutReasonThenWithReason_ErrorThenRowShown()
    {
        var sid = await ServiceWithAsync(string.Empty);
        var cut = RenderPage(sid);

        cut.Find("#bl-add").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#bl-add-number")));
        dialogs.Find("#bl-add-number").Change("(415) 555-0199");
        dialogs.Find("#bl-entry-confirm").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("reason is required", dialogs.Find("#bl-entry-error").TextContent, StringComparison.Ordinal));
        dialogs.Find("#bl-entry-reason").Change("Asked by e-mail");
        dialogs.Find("#bl-entry-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal("+14155550199", Assert.Single(cut.FindAll("#bl-table [data-number]")).TextContent));
        Assert.Equal(BlockListSources.Manual, (await app.Service<BlockListService>().GetAsync(sid, "+14155550199", Ct))!.Source);
    }

    [Fact]
    public async Task Remove_WithReason_RowGone()
    {
        var sid = await ServiceWithAsync("+14155550123\n+14155550124\n");
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#bl-remove-14155550123")));

        cut.Find("#bl-remove-14155550123").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("+14155550123", dialogs.Find("#bl-entry-number").TextContent));
        dialogs.Find("#bl-entry-reason").Change("Resubscribed in store");
        dialogs.Find("#bl-entry-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal("+14155550124", Assert.Single(cut.FindAll("#bl-table [data-number]")).TextContent));
    }

    [Fact]
    public async Task Import_FileWithOneBadRow_SummaryAndRejectedRowShown()
    {
        var sid = await ServiceWithAsync("+14155550123\n");
        var cut = RenderPage(sid);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#bl-table [data-number]")));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("number\n+14155550123\n(415) 555-0150\nwrong\n", "legacy.csv"));
        cut.Find("#bl-import-run").Click();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#bl-import-summary [data-added]").GetAttribute("data-added")), TimeSpan.FromSeconds(5));
        Assert.Equal("1", cut.Find("#bl-import-summary [data-already-present]").GetAttribute("data-already-present"));
        Assert.Equal("1", cut.Find("#bl-import-summary [data-rejected]").GetAttribute("data-rejected"));
        Assert.Equal("4", cut.Find("#bl-rejected-table [data-line]").TextContent);
        Assert.Contains("wrong", cut.Find("#bl-rejected-table").TextContent, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#bl-table [data-number]").Count));
    }

    private IRenderedComponent<BlockListPage> RenderPage(string sid)
    {
        AddAuthorization().SetAuthorized("compliance@test.local").SetRoles(Roles.Compliance);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/block-list?sid={sid}");
        var cut = Render<BlockListPage>();

        // The page re-renders once when it becomes ready; interact only after that.
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#bl-ready").GetAttribute("data-ready")));
        return cut;
    }

    private async Task<string> ServiceWithAsync(string csv)
    {
        var (outcome, sid) = await app.Service<ServiceCatalog>().CreateAsync($"Page {Guid.NewGuid():N}"[..20], "test", Ct);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        await app.Service<BlockListImporter>().ImportAsync(sid!, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), null, "test", null, null, Ct);
        return sid!;
    }
}
