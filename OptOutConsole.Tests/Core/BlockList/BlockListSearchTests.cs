using OptOutConsole.Core.BlockList;

namespace OptOutConsole.Tests.Core.BlockList;

public sealed class BlockListSearchTests
{
    [Theory]
    [InlineData("+14155550123", null, "+14155550123", null)]
    [InlineData("(415) 555-0123", "US", "+14155550123", null)]
    [InlineData("+1 415-555-0123", "GB", "+14155550123", null)]
    [InlineData("07400 123456", "GB", "+447400123456", null)]
    [InlineData("555-01", "US", null, "55501")]
    [InlineData("0123", null, null, "0123")]
    [InlineData("7", "US", null, null)]
    [InlineData("   ", "US", null, null)]
    [InlineData("stop", "US", null, null)]
    public void Parse_Text_NumberOrDigits(string text, string? region, string? number, string? digits)
    {
        var search = BlockListSearch.Parse(text, region);

        Assert.Equal(number, search.Number);
        Assert.Equal(digits, search.Digits);
    }
}
