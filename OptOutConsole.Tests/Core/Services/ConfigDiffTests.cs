using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Tests.Core.Services;

public sealed class ConfigDiffTests
{
    [Fact]
    public void Compare_SameDocument_NoChanges()
    {
        var config = DefaultReplies.NewConfig("Acme");

        Assert.Empty(ConfigDiff.Compare(config, config.Clone()));
    }

    [Fact]
    public void Compare_KeywordsRepliesAndOverrides_OneLinePerChange()
    {
        var before = DefaultReplies.NewConfig("Acme");
        before.Languages.Add(new LanguageOverride { Language = "fr" });
        var after = before.Clone();
        after.FriendlyName = "Acme Rewards";
        after.Global.OptOut.Keywords.Add("BAJA");
        after.Global.OptIn.Keywords.Remove("YES");
        after.Global.Help.Reply = "Help at help@acme.example";
        after.Languages.Insert(0, new LanguageOverride { Language = "es", OptOut = new() { Keywords = ["SALIR"] } });

        var lines = ConfigDiff.Compare(before, after);

        Assert.Contains("friendlyName: “Acme” → “Acme Rewards”", lines);
        Assert.Contains("global.optOut.keywords: added BAJA", lines);
        Assert.Contains("global.optIn.keywords: removed YES", lines);
        Assert.Contains(lines, l => l.StartsWith("global.help.reply: “Acme: For help", StringComparison.Ordinal) && l.EndsWith("→ “Help at help@acme.example”", StringComparison.Ordinal));
        Assert.Contains("languages[es]: added", lines);
        Assert.Contains("languages[es].optOut.keywords: added SALIR", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("languages[fr]", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_OverrideRemovedAndReordered_Reported()
    {
        var before = DefaultReplies.NewConfig("Acme");
        before.Countries = [new() { Country = "MX" }, new() { Country = "CA" }, new() { Country = "US" }];
        var after = before.Clone();
        after.Countries = [after.Countries[1], after.Countries[0]];

        var lines = ConfigDiff.Compare(before, after);

        Assert.Contains("countries[US]: removed", lines);
        Assert.Contains("countries: order MX, CA → CA, MX", lines);
    }

    [Theory]
    [InlineData(true, "language override holding the keyword, else the global help reply")]
    [InlineData(false, "sender's country override, else the global help reply")]
    public void ReplyFallback_Hint_NamesWhereTheReplyComesFrom(bool isCountry, string expected) =>
        Assert.Contains(expected, ReplyFallback.Hint(isCountry, KeywordCategory.Help), StringComparison.Ordinal);

    [Theory]
    [InlineData("global.optOut.keywords[3]", EditorSection.OptOut)]
    [InlineData("global.help.reply", EditorSection.Help)]
    [InlineData("global.optIn.keywords", EditorSection.OptIn)]
    [InlineData("languages[es].optOut.reply", EditorSection.Overrides)]
    [InlineData("countries[2].country", EditorSection.Overrides)]
    [InlineData("senders[1]", EditorSection.General)]
    [InlineData("friendlyName", EditorSection.General)]
    public void ProblemScope_SectionOf_PathToEditorSection(string path, EditorSection expected) =>
        Assert.Equal(expected, ProblemScope.SectionOf(path));

    [Theory]
    [InlineData("global.optOut.keywords[3]", "global.optOut.keywords", true)]
    [InlineData("global.optOut.keywords", "global.optOut.keywords", true)]
    [InlineData("global.optOut.reply", "global.optOut.keywords", false)]
    [InlineData("countries[10]", "countries[1]", false)]
    public void ProblemScope_IsUnder_PrefixOnFieldBoundaries(string path, string prefix, bool expected) =>
        Assert.Equal(expected, ProblemScope.IsUnder(path, prefix));

    [Fact]
    public void ConfigImport_TryParse_BadJson_PlainWordsWithWhere()
    {
        var config = ConfigImport.TryParse("{\"friendlyName\": \"A\", \"senders\": 5}", out var error);

        Assert.Null(config);
        Assert.StartsWith("The file is not a config document at line 1", error, StringComparison.Ordinal);
        Assert.Contains("(field senders)", error, StringComparison.Ordinal);
    }
}
