using OptOutConsole.Core.Validation;

namespace OptOutConsole.Tests.Core.Validation;

public sealed class SenderRulesTests
{
    [Theory]
    [InlineData("+14155550123")]
    [InlineData("+14165550123")]
    [InlineData("+447400123456")]
    [InlineData("+525512345678")]
    [InlineData("123")]
    [InlineData("12345")]
    [InlineData("123456")]
    [InlineData("12345678")]
    public void Check_ValidSender_Null(string sender)
    {
        var problem = SenderRules.Check(sender);

        Assert.Null(problem);
    }

    [Theory]
    [InlineData("", "blank")]
    [InlineData("12", "neither a short code")]
    [InlineData("123456789", "neither a short code")]
    [InlineData("+1415555012", "too many or too few digits")]
    [InlineData("+44770090012345", "too many or too few digits")]
    [InlineData("+1 415 555 0123", "write it as “+14155550123”")]
    [InlineData("+1 (415) 555-0123", "write it as “+14155550123”")]
    [InlineData("+0123456789", "not a phone number in E.164 form")]
    [InlineData("SUSHI", "not a phone number in E.164 form")]
    [InlineData("１２３４５", "not a phone number in E.164 form")]
    public void Check_InvalidSender_Message(string sender, string messagePart)
    {
        var problem = SenderRules.Check(sender);

        Assert.NotNull(problem);
        Assert.Contains(messagePart, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+1 (415) 555-0123", null, "+14155550123")]
    [InlineData("(415) 555-0123", "US", "+14155550123")]
    [InlineData(" 12345 ", null, "12345")]
    [InlineData("+447700900123", null, "+447700900123")]
    [InlineData("+1415555012", null, null)]
    [InlineData("hello", null, null)]
    public void Normalize_Input_E164OrNull(string sender, string? region, string? expected)
    {
        var normalized = SenderRules.Normalize(sender, region);

        Assert.Equal(expected, normalized);
    }
}
