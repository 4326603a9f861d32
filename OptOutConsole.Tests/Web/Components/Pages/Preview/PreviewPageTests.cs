using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using OptOutConsole.Components.Pages.Preview;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Preview;

/// <summary>The preview matrix page over the real services and the seeded demo service.</summary>
public sealed class PreviewPageTests : MudBunitContext, IClassFixture<DemoConsoleAppFactory>
{
    public PreviewPageTests(DemoConsoleAppFactory app)
    {
        _ = app.Server;
        Services.AddSingleton(app.Service<ServiceCatalog>());
        Services.AddSingleton(app.Service<ServiceDirectory>());
        Services.AddSingleton(Options.Create(new PreviewOptions { Countries = "US,JP" }));
        AddAuthorization().SetAuthorized("marketer@test.local").SetRoles(Roles.Marketer);
    }

    [Fact]
    public void Render_Demo_RowsAreOverrideCountriesThenConfigured()
    {
        var cut = RenderPage();

        Assert.Equal(["MX", "CA", "US", "JP"], cut.FindAll("#preview-table tbody tr").Select(r => r.GetAttribute("data-country")));
    }

    [Fact]
    public void Render_MexicoStop_MexicanReplyWithSegmentsAndSet()
    {
        var cut = RenderPage();

        var stop = cut.Find("[data-country='MX'][data-category='STOP'] [data-keyword='STOP']");
        Assert.StartsWith("Sushi Rewards México: Te diste de baja", stop.QuerySelector(".preview-reply")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("GSM-7", stop.QuerySelector(".preview-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("country MX", stop.QuerySelector("[data-field='answered-by']")!.TextContent);
    }

    [Fact]
    public void Render_CanadaStop_ArretFrench()
    {
        var cut = RenderPage();

        var arret = cut.Find("[data-country='CA'][data-category='STOP'] [data-keyword='ARRET']");
        Assert.StartsWith("Sushi Rewards : désabonnement confirmé", arret.QuerySelector(".preview-reply")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("language fr", arret.QuerySelector("[data-field='answered-by']")!.TextContent);
    }

    [Fact]
    public void Export_Click_DownloadsCsv()
    {
        var module = JSInterop.SetupModule("./js/editor.js");
        var cut = RenderPage();

        cut.Find("#preview-export").Click();

        cut.WaitForAssertion(() =>
        {
            var call = module.VerifyInvoke("downloadFromStream");
            Assert.EndsWith(".csv", (string)call.Arguments[0]!, StringComparison.Ordinal);
            Assert.Equal("text/csv", call.Arguments[1]);
        });
    }

    private IRenderedComponent<PreviewPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var cut = Render<PreviewPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#preview-table")));
        return cut;
    }
}
