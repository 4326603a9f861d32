using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Admin;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Admin;

/// <summary>The API keys page over the real key service and a real SQLite file.</summary>
public sealed class ApiKeysPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    public ApiKeysPageTests(ConsoleAppFactory app)
    {
        Services.AddSingleton(app.Service<ApiKeyService>());
        AddAuthorization().SetAuthorized(ConsoleAppFactory.AdminEmail).SetRoles(Roles.Admin);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
    }

    [Fact]
    public void CreateButton_NameTyped_EnabledWhileTheFieldStillHasFocus()
    {
        var cut = Render<ApiKeysPage>();
        Assert.True(cut.Find("#create-key").HasAttribute("disabled"));

        // Typing raises input events only; "change" comes when the field loses focus, which a click on a disabled
        // button does not reliably cause. The button must be usable as soon as a name is typed.
        cut.Find("#new-key-name").Input("nightly export");

        cut.WaitForAssertion(() => Assert.False(cut.Find("#create-key").HasAttribute("disabled")));
    }

    [Fact]
    public void Create_NameTyped_SecretShownAndKeyListed()
    {
        var cut = Render<ApiKeysPage>();

        cut.Find("#new-key-name").Input("ci pipeline");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#create-key").HasAttribute("disabled")));
        cut.Find("#create-key").Click();

        cut.WaitForAssertion(() => Assert.Contains("ooc_", cut.Find("#new-key-secret").TextContent, StringComparison.Ordinal));
        Assert.Contains("ci pipeline", cut.Find("#keys-table").TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, cut.Find("#new-key-name").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public void Create_NameOfAnActiveKey_RefusedNextToTheFieldAndNothingCreated()
    {
        var name = $"dup {Guid.NewGuid():N}"[..20];
        var cut = Render<ApiKeysPage>();
        cut.Find("#new-key-name").Input(name);
        cut.WaitForAssertion(() => Assert.False(cut.Find("#create-key").HasAttribute("disabled")));
        cut.Find("#create-key").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#new-key-secret")));
        var rows = cut.FindAll("#keys-table tbody tr").Count;

        cut.Find("#new-key-name").Input(name);
        cut.WaitForAssertion(() => Assert.False(cut.Find("#create-key").HasAttribute("disabled")));
        cut.Find("#create-key").Click();

        cut.WaitForAssertion(() => Assert.Contains($"An active key is already named “{name}”", cut.Find(".mud-input-helper-text").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Parameter", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(rows, cut.FindAll("#keys-table tbody tr").Count);
    }

    [Fact]
    public async Task CreateAsync_ControlCharacterInName_Refused()
    {
        var keys = Services.GetRequiredService<ApiKeyService>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync("nightly\texport", "test", CancellationToken.None));

        Assert.Contains("control character", error.Message, StringComparison.Ordinal);
    }
}
