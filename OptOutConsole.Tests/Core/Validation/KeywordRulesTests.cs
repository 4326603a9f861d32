using OptOutConsole.Core.Validation;

namespace OptOutConsole.Tests.Core.Validation;

public sealed class KeywordRulesTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("BAJA")]
    [InlineData("ARRÊT")]
    [InlineData("ARRE\u0302T")]
    [InlineData("退订")]
    [InlineData("СТОП")]
    [InlineData("توقف")]
    [InlineData("रोकें")]
    [InlineData("STOP ALL")]
    [InlineData("OPT-OUT")]
    [InlineData("STOP2")]
    [InlineData("ＳＴＯＰ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Check_ValidKeyword_Null(string keyword)
    {
        var problem = KeywordRules.Check(keyword);

        Assert.Null(problem);
    }

    [Theory]
    [InlineData("", "keyword.empty", "A keyword is empty")]
    [InlineData("   ", "keyword.empty", "A keyword is empty")]
    [InlineData("🛑", "keyword.empty", "has no letters or digits")]
    [InlineData("...", "keyword.empty", "has no letters or digits")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "keyword.too-long", "has 31 letters and digits")]
    [InlineData("STOP2!", "keyword.chars", "contains “!”")]
    [InlineData(" STOP", "keyword.chars", "starts with a space")]
    [InlineData("STOP ", "keyword.chars", "ends with a space")]
    [InlineData("-STOP", "keyword.chars", "starts with “-”")]
    [InlineData("STOP-", "keyword.chars", "ends with “-”")]
    [InlineData("STOP  ALL", "keyword.chars", "two spaces or hyphens in a row")]
    [InlineData("STOP -ALL", "keyword.chars", "two spaces or hyphens in a row")]
    [InlineData("STOP😀", "keyword.chars", "contains “😀”")]
    [InlineData("STOP\tALL", "keyword.chars", "contains a tab")]
    [InlineData("STOP\u00A0ALL", "keyword.chars", "no-break space")]
    [InlineData("S.T.O.P", "keyword.chars", "contains “.”")]
    [InlineData("STOP_ALL", "keyword.chars", "contains “_”")]
    [InlineData("\u0301STOP", "keyword.chars", "not attached to a letter")]
    [InlineData("STOP\uD800", "keyword.chars", "unreadable character")]
    public void Check_InvalidKeyword_CodeAndMessage(string keyword, string code, string messagePart)
    {
        var problem = KeywordRules.Check(keyword, "global.optOut.keywords[9]");

        Assert.NotNull(problem);
        Assert.Equal(code, problem.Code);
        Assert.Equal("global.optOut.keywords[9]", problem.Path);
        Assert.True(problem.IsError);
        Assert.Contains(messagePart, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoPath_EmptyPath()
    {
        var problem = KeywordRules.Check("a!");

        Assert.Equal(string.Empty, problem?.Path);
    }

    [Theory]
    [InlineData("🛑", new[] { "keyword.empty", "keyword.chars" })]
    [InlineData("!!!", new[] { "keyword.empty", "keyword.chars" })]
    [InlineData("  ", new[] { "keyword.empty" })]
    [InlineData("", new[] { "keyword.empty" })]
    [InlineData("STOP!", new[] { "keyword.chars" })]
    [InlineData("OPT-OUT", new string[0])]
    public void CheckAll_EveryRuleTheTextBreaks(string keyword, string[] codes)
    {
        var problems = KeywordRules.CheckAll(keyword, "global.optIn.keywords[3]").ToList();

        Assert.Equal(codes, problems.Select(p => p.Code));
        Assert.All(problems, p => Assert.Equal("global.optIn.keywords[3]", p.Path));
    }
}
