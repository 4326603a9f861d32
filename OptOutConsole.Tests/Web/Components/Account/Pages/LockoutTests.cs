using Bunit;
using OptOutConsole.Components.Account.Pages;

namespace OptOutConsole.Tests.Web.Components.Account.Pages;

/// <summary>The page a locked account lands on, after failed sign-ins or an admin's lock (both are Identity lockouts).</summary>
public sealed class LockoutTests : BunitContext
{
    [Fact]
    public void Render_NamesBothWaysAnAccountIsLocked()
    {
        var cut = Render<Lockout>();

        var alert = cut.Find("[role='alert']").TextContent;
        Assert.Contains("15 minutes", alert, StringComparison.Ordinal);
        Assert.Contains("stays locked until an administrator unlocks it", alert, StringComparison.Ordinal);
    }
}
