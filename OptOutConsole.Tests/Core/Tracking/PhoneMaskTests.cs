using System.Security.Claims;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Tests.Core.Tracking;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("+14155550123", "+1415•••0123")]
    [InlineData("+525512345678", "+5255•••5678")]
    [InlineData("+447400123456", "+4474•••3456")]
    [InlineData("12345", "•••45")]
    [InlineData("", "")]
    public void Mask_Number_KeepsPrefixAndLastFour(string number, string expected) =>
        Assert.Equal(expected, PhoneMask.Mask(number));

    [Theory]
    [InlineData(Roles.Admin, "+14155550123")]
    [InlineData(Roles.Compliance, "+14155550123")]
    [InlineData(Roles.Marketer, "+1415•••0123")]
    public void For_Role_MasksOnlyForMarketers(string role, string expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));

        Assert.Equal(expected, PhoneMask.For(user, "+14155550123"));
    }
}
