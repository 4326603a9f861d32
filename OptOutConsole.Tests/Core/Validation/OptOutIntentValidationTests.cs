using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Tests.Core.Validation;

/// <summary>The config document's <c>optOutIntent</c> (DESIGN 3.5): a known mode, phrases one can read back, a lint when off.</summary>
public sealed class OptOutIntentValidationTests
{
    [Theory]
    [InlineData("review")]
    [InlineData("block")]
    public void Validate_KnownModeOn_NoIntentProblem(string mode)
    {
        var config = TestConfigs.SushiRewards();
        config.OptOutIntent.Mode = mode;

        var problems = ConfigValidator.Validate(config);

        Assert.DoesNotContain(problems, p => p.Path.StartsWith("optOutIntent", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NewService_ReviewAndValid()
    {
        var config = TestConfigs.New();

        var problems = ConfigValidator.Validate(config);

        Assert.Equal(OptOutIntentConfig.Review, config.OptOutIntent.Mode);
        Assert.DoesNotContain(problems, p => p.Path.StartsWith("optOutIntent", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("stop")]
    [InlineData("reviews")]
    public void Validate_UnknownMode_ErrorIntentModeAtItsPath(string mode)
    {
        var config = TestConfigs.SushiRewards();
        config.OptOutIntent.Mode = mode;

        var problem = Assert.Single(ConfigValidator.Validate(config), p => p.Code == ProblemCodes.IntentMode);

        Assert.True(problem.IsError);
        Assert.Equal("optOutIntent.mode", problem.Path);
        Assert.Contains("review", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" Block ", "block")]
    [InlineData("REVIEW", "review")]
    [InlineData("Off", "off")]
    public void Normalize_ModeInOtherCase_KnownMode(string written, string expected)
    {
        var config = TestConfigs.SushiRewards();
        config.OptOutIntent.Mode = written;

        config.Normalize();

        Assert.Equal(expected, config.OptOutIntent.Mode);
        Assert.DoesNotContain(ConfigValidator.Validate(config), p => p.Code == ProblemCodes.IntentMode);
    }

    [Fact]
    public void Validate_ModeOff_LintWarningOnly()
    {
        var config = TestConfigs.SushiRewards();
        config.OptOutIntent.Mode = OptOutIntentConfig.Off;

        var problems = ConfigValidator.Validate(config).Where(p => p.Path.StartsWith("optOutIntent", StringComparison.Ordinal)).ToList();

        var warning = Assert.Single(problems);
        Assert.Equal((ProblemCodes.LintIntentOff, Severity.Warning, "optOutIntent.mode"), (warning.Code, warning.Severity, warning.Path));
        Assert.Contains("10 business days", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DocumentWithoutOptOutIntent_DoesNotThrowAndIsTheDefault()
    {
        var config = TestConfigs.SushiRewards();
        config.OptOutIntent = null!;

        var problems = ConfigValidator.Validate(config);
        config.Normalize();

        Assert.DoesNotContain(problems, p => p.Path.StartsWith("optOutIntent", StringComparison.Ordinal));
        Assert.Equal(OptOutIntentConfig.Review, config.OptOutIntent.Mode);
    }

    [Fact]
    public void Validate_ModeNull_ErrorNotException()
    {
        var config = TestConfigs.SushiRewards();
        config.OptOutIntent.Mode = null!;

        var problem = Assert.Single(ConfigValidator.Validate(config), p => p.Code == ProblemCodes.IntentMode);

        Assert.Equal("optOutIntent.mode", problem.Path);
    }

    public static TheoryData<string, Action<OptOutIntentConfig>, string> BadPhrases => new()
    {
        { "empty phrase", i => i.Phrases = ["no more deals", ""], "optOutIntent.phrases[1]" },
        { "blank ignore", i => i.Ignore = ["   "], "optOutIntent.ignore[0]" },
        { "101 characters", i => i.Phrases = [new string('a', 101)], "optOutIntent.phrases[0]" },
        { "line break", i => i.Ignore = ["stop by\nour store"], "optOutIntent.ignore[0]" },
        { "tab", i => i.Phrases = ["no\tmore"], "optOutIntent.phrases[0]" },
        { "repeat in other case", i => i.Phrases = ["No More Deals", "no more deals"], "optOutIntent.phrases[1]" },
        { "51 phrases", i => i.Phrases = Enumerable.Range(0, 51).Select(n => $"phrase {n}").ToList(), "optOutIntent.phrases[50]" },
    };

    [Theory]
    [MemberData(nameof(BadPhrases))]
    public void Validate_BadPhrase_ErrorIntentPhraseAtItsIndex(string what, Action<OptOutIntentConfig> breakIt, string path)
    {
        var config = TestConfigs.SushiRewards();
        breakIt(config.OptOutIntent);

        var problem = Assert.Single(ConfigValidator.Validate(config), p => p.Code == ProblemCodes.IntentPhrase);

        Assert.True(problem.IsError, what);
        Assert.Equal(path, problem.Path);
    }

    [Fact]
    public void Validate_GoodPhrases_NoProblem()
    {
        var config = TestConfigs.SushiRewards();
        config.OptOutIntent.Phrases = ["no more sushi deals", new string('a', 100)];
        config.OptOutIntent.Ignore = ["stop by our store", "no more sushi deals"];

        var problems = ConfigValidator.Validate(config);

        Assert.DoesNotContain(problems, p => p.Path.StartsWith("optOutIntent", StringComparison.Ordinal));
    }
}
