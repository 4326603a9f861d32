using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Admin;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Admin;

/// <summary>The users page over the real user administration and a real SQLite file (whose only admin is the bootstrap one).</summary>
public sealed class UsersPageTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;
    private readonly IRenderedComponent<MudPopoverProvider> popovers;

    public UsersPageTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<UserAdministration>());
        AddAuthorization().SetAuthorized(ConsoleAppFactory.AdminEmail).SetRoles(Roles.Admin);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        popovers = Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetRole_OnlyAdminToMarketer_RefusedAndTheRowStillSaysAdmin()
    {
        var adminId = await IdOfAsync(ConsoleAppFactory.AdminEmail);
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => Assert.Equal(Roles.Admin, cut.Find($"#user-role-{adminId}").GetAttribute("value")));

        Choose(cut, adminId, Roles.Marketer);

        var admin = (await app.Service<UserAdministration>().ListAsync(Ct)).Single(u => u.Id == adminId);
        Assert.Equal(Roles.Admin, admin.Role);
        cut.WaitForAssertion(() => Assert.Equal(Roles.Admin, cut.Find($"#user-role-{adminId}").GetAttribute("value")));
    }

    [Theory]
    [InlineData("o'brien@example.com", "“'”")]
    [InlineData("jos\u00e9@example.com", "“\u00e9”")]
    [InlineData("two@at@example.com", "not an e-mail address")]
    public async Task Create_EmailIdentityCannotHold_SaysFieldAndCharacterAndCreatesNothing(string email, string expected)
    {
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#users-table")));

        cut.Find("#new-user-email").Change(email);
        cut.Find("#new-user-password").Change("Str0ng!Passw0rd");
        cut.Find("#create-user").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("E-mail:", cut.Find("#create-user-error").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains(expected, cut.Find("#create-user-error").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.Service<UserAdministration>().ListAsync(Ct), u => u.Email == email);
    }

    [Fact]
    public async Task SetRole_MarketerToCompliance_SavedAndShown()
    {
        Assert.Null(await app.Service<UserAdministration>().CreateAsync("promote@test.local", "Market!Pass123", Roles.Marketer, "test", Ct));
        var id = await IdOfAsync("promote@test.local");
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => Assert.Equal(Roles.Marketer, cut.Find($"#user-role-{id}").GetAttribute("value")));

        Choose(cut, id, Roles.Compliance);

        cut.WaitForAssertion(() => Assert.Equal(Roles.Compliance, cut.Find($"#user-role-{id}").GetAttribute("value")));
        Assert.Equal(Roles.Compliance, (await app.Service<UserAdministration>().ListAsync(Ct)).Single(u => u.Id == id).Role);
    }

    [Fact]
    public async Task ResetPassword_TooWeak_FormStaysOpenForAnotherTry()
    {
        Assert.Null(await app.Service<UserAdministration>().CreateAsync("forgetful@test.local", "Market!Pass123", Roles.Marketer, "test", Ct));
        var id = await IdOfAsync("forgetful@test.local");
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"#user-reset-{id}")));

        cut.Find($"#user-reset-{id}").Click();
        cut.Find("#reset-password").Change("short");
        cut.Find("#reset-password-confirm").Click();

        cut.WaitForAssertion(() => Assert.False(cut.Find("#reset-password-confirm").HasAttribute("disabled")));
        Assert.Contains("forgetful@test.local", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("#reset-password"));
    }

    /// <summary>Opens the role select of the user's row and picks <paramref name="role"/>, as a click would.</summary>
    private void Choose(IRenderedComponent<UsersPage> cut, string userId, string role)
    {
        cut.Find($"tr:has(#user-role-{userId}) .mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-popover-open .mud-list-item")));
        popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == role).Click();
    }

    private async Task<string> IdOfAsync(string email) =>
        (await app.Service<UserAdministration>().ListAsync(Ct)).Single(u => u.Email == email).Id;
}
