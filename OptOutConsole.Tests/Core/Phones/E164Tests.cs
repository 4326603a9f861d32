using OptOutConsole.Core.Phones;

namespace OptOutConsole.Tests.Core.Phones;

public sealed class E164Tests
{
    [Theory]
    [InlineData("+14155550123", null, "+14155550123")]
    [InlineData("+1 (415) 555-0123", null, "+14155550123")]
    [InlineData("(415) 555-0123", "US", "+14155550123")]
    [InlineData("416 555 0123", "ca", "+14165550123")]
    [InlineData("07400 123456", "GB", "+447400123456")]
    [InlineData("55 1234 5678", "MX", "+525512345678")]
    [InlineData("+447700900123", null, "+447700900123")]
    [InlineData("+15551234567", null, "+15551234567")]
    [InlineData("+1415555012", null, null)]
    [InlineData("+1\u00a0415\u00a0555\u00a00123", null, "+14155550123")]
    [InlineData("+44 20 7946\u20130958", null, "+442079460958")]
    [InlineData("0171/1234567", "DE", "+491711234567")]
    [InlineData("1-800-FLOWERS", "US", null)]
    [InlineData("call +14155550123", null, null)]
    [InlineData("+1234", null, null)]
    [InlineData("(415) 555-0123", null, null)]
    [InlineData("not a number", "US", null)]
    [InlineData("", "US", null)]
    [InlineData(null, "US", null)]
    public void Normalize_Number_E164OrNull(string? number, string? region, string? expected)
    {
        var e164 = E164.Normalize(number, region);

        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("+14155550123", "US")]
    [InlineData("+14165550123", "CA")]
    [InlineData("+525512345678", "MX")]
    [InlineData("+447400123456", "GB")]
    [InlineData("+447700900123", null)]
    [InlineData("+15551234567", null)]
    [InlineData("garbage", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void RegionOf_E164_IsoRegionOrNull(string? e164, string? expected)
    {
        var region = E164.RegionOf(e164);

        Assert.Equal(expected, region);
    }
}
