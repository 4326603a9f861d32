using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Services;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Services;

/// <summary>The services list over the real catalog and a real SQLite file.</summary>
public sealed class ServicesPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ServiceCatalog catalog;
    private IRenderedComponent<MudDialogProvider> dialogs = null!;

    public ServicesPageTests(ConsoleAppFactory app)
    {
        catalog = app.Service<ServiceCatalog>();
        Services.AddSingleton(catalog);
    }

    [Fact]
    public async Task Render_Marketer_ListsServicesWithoutCreateOrDelete()
    {
        var sid = await CreateAsync("Listed");
        SignIn(Roles.Marketer);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-sid='{sid}']")));
        Assert.Empty(cut.FindAll("#create-service"));
        Assert.Empty(cut.FindAll("[id^='delete-']"));
    }

    [Fact]
    public async Task Search_ByName_FiltersTheTable()
    {
        var wanted = await CreateAsync("Findme");
        var other = await CreateAsync("Other");
        SignIn(Roles.Compliance);
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-sid='{other}']")));

        cut.Find("#services-search").Input("Findme");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-sid='{other}']")), TimeSpan.FromSeconds(5));
        Assert.NotNull(cut.Find($"[data-sid='{wanted}']"));
    }

    [Fact]
    public void Create_BlankName_ErrorInPlainWordsAndNoService()
    {
        SignIn(Roles.Compliance);
        var cut = RenderPage();

        cut.Find("#create-service").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#create-service-confirm")));
        dialogs.Find("#create-service-confirm").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("friendly name is required", dialogs.Find("#create-service-error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_Name_CreatesServiceAndOpensIt()
    {
        SignIn(Roles.Compliance);
        var cut = RenderPage();
        var name = $"Created {Guid.NewGuid():N}"[..20];

        cut.Find("#create-service").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#new-service-name")));
        dialogs.Find("#new-service-name").Input(name);
        dialogs.Find("#create-service-confirm").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Contains("/services/MG", navigation.Uri, StringComparison.Ordinal));
        var created = (await catalog.ListAsync(name, Xunit.TestContext.Current.CancellationToken)).Single();
        Assert.EndsWith(created.Sid, navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTheService()
    {
        var sid = await CreateAsync("Doomed");
        SignIn(Roles.Compliance);
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"#delete-{sid}")));

        cut.Find($"#delete-{sid}").Click();
        dialogs.WaitForAssertion(() => Assert.Contains(sid, dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-sid='{sid}']")));
        Assert.Null(await catalog.GetAsync(sid, Xunit.TestContext.Current.CancellationToken));
    }

    private void SignIn(string role) => AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@test.local").SetRoles(role);

    /// <summary>The page, after the providers the layout gives it (dialogs render in <see cref="dialogs"/>).</summary>
    private IRenderedComponent<ServicesPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        return Render<ServicesPage>();
    }

    private async Task<string> CreateAsync(string name)
    {
        var (outcome, sid) = await catalog.CreateAsync($"{name} {Guid.NewGuid():N}"[..20], "test", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }
}
