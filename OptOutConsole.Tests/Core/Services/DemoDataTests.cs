using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Tests.Core.Services;

/// <summary>The first run shows something real and clean: the demo service passes every rule and answers as DESIGN 3.3 says.</summary>
public sealed class DemoDataTests
{
    [Fact]
    public void SushiRewards_Validate_NoErrorsNoWarnings()
    {
        var problems = ConfigValidator.Validate(DemoData.SushiRewards().Normalize());

        Assert.Empty(problems);
    }

    [Fact]
    public void NewConfig_Validate_NoErrorsNoWarnings()
    {
        var problems = ConfigValidator.Validate(DefaultReplies.NewConfig("Pizza Points").Normalize());

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("+525512345678", "STOP", "STOP", "country MX", "México")]
    [InlineData("+525512345678", "Baja", "STOP", "language es", "Te has dado de baja")]
    [InlineData("+14165550123", "STOP", "STOP", "country CA", "Sushi Rewards Canada")]
    [InlineData("+14165550123", "Arrêt", "STOP", "language fr", "désabonnement confirmé")]
    [InlineData("+14155550123", "STOP", "STOP", "global", "You are unsubscribed")]
    [InlineData("+14155550123", "sushi", "START", "global", "You are subscribed")]
    [InlineData("+14165550123", "aide", "HELP", "language fr", "aide à")]
    public void SushiRewards_Classify_DesignExamples(string from, string body, string type, string answeredBy, string replyPart)
    {
        var classifier = KeywordClassifier.Build(DemoData.SushiRewards().Normalize());

        var result = classifier.Classify(from, body);

        Assert.Equal(type, result.OptOutType);
        Assert.Equal(answeredBy, result.AnsweredBy);
        Assert.Contains(replyPart, result.Reply, StringComparison.Ordinal);
    }
}
