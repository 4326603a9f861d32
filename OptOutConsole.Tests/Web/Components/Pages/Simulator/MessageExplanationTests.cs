using Bunit;
using OptOutConsole.Components.Pages.Simulator;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Simulator;

/// <summary>The simulator's "Why?" panel over messages run through a real classifier.</summary>
public sealed class MessageExplanationTests : MudBunitContext
{
    private const string From = "+14155550123";

    [Fact]
    public void Render_RequestWrittenAroundMarkup_PhraseMarkedAndTextEncoded()
    {
        var message = Send(OptOutIntentConfig.Review, "<b onclick=x>hey</b> please stop texting me <script>alert(1)</script>");
        Assert.NotNull(message.PossibleOptOut);

        var cut = Render<MessageExplanation>(p => p.Add(x => x.Message, message));

        var phrase = cut.Find("[data-field='phrase']");
        Assert.Equal(message.Body, phrase.TextContent);
        Assert.Equal("stop texting me", phrase.QuerySelector("mark[data-phrase]")!.TextContent);
        Assert.Empty(cut.FindAll("b[onclick], script"));
        Assert.Contains("&lt;script&gt;", phrase.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RequestInSpanish_LanguageAndScoreWithTwoDecimals()
    {
        var message = Send(OptOutIntentConfig.Review, "no quiero más mensajes de ustedes");
        var possible = Assert.IsType<PossibleOptOut>(message.PossibleOptOut);

        var cut = Render<MessageExplanation>(p => p.Add(x => x.Message, message));

        Assert.Equal(MessageExplanation.ScoreText(possible.Score), cut.Find("[data-field='score']").TextContent);
        Assert.Matches(@"^(0\.\d\d|1\.00)$", cut.Find("[data-field='score']").TextContent);
        Assert.Contains("es (Spanish)", cut.Find("[data-field='intent-language']").TextContent, StringComparison.Ordinal);
        Assert.Equal(possible.Phrase, cut.Find("[data-field='phrase'] mark[data-phrase]").TextContent);
    }

    [Fact]
    public void Render_ModeOff_NoDetectionRows()
    {
        var message = Send(OptOutIntentConfig.Off, "please stop texting me");

        var cut = Render<MessageExplanation>(p => p.Add(x => x.Message, message));

        Assert.Null(message.PossibleOptOut);
        Assert.Empty(cut.FindAll("[data-field='possible-opt-out'], [data-field='phrase'], mark"));
        Assert.Contains("not a keyword", cut.Find("[data-field='no-reply']").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.923, "0.92")]
    [InlineData(0.6, "0.60")]
    [InlineData(1.0, "1.00")]
    public void ScoreText_Score_TwoDecimalsWithAPoint(double score, string expected)
    {
        Assert.Equal(expected, MessageExplanation.ScoreText(score));
    }

    private static SimulatedMessage Send(string mode, string body)
    {
        var config = DefaultReplies.NewConfig("Acme");
        config.OptOutIntent.Mode = mode;
        return new SimulationRun().Send(KeywordClassifier.Build(config), From, body);
    }
}
