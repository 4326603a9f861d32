using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OptOutConsole.Components.Layout;
using OptOutConsole.Core.Identity;

namespace OptOutConsole.Tests.Web.Components.Layout;

public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Theory]
    [InlineData(Roles.Admin, new[] { "Services", "Simulator", "Preview", "Dashboard", "Block list", "Audit", "Users", "API keys" })]
    [InlineData(Roles.Compliance, new[] { "Services", "Simulator", "Preview", "Dashboard", "Block list", "Audit" })]
    [InlineData(Roles.Marketer, new[] { "Services", "Simulator", "Preview", "Dashboard" })]
    public void NavMenu_Role_ShowsExactlyItsEntries(string role, string[] expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, role)], "test"));

        var cut = Render<NavMenu>(p => p.Add(x => x.User, user));

        var shown = cut.FindAll("[data-nav]").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void NavMenu_UserWithoutRole_ShowsOnlyHome()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u")], "test"));

        var cut = Render<NavMenu>(p => p.Add(x => x.User, user));

        Assert.Empty(cut.FindAll("[data-nav]"));
        Assert.Contains("Home", cut.Markup, StringComparison.Ordinal);
    }
}
