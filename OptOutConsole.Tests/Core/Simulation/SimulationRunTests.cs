using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Phones;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;

namespace OptOutConsole.Tests.Core.Simulation;

public sealed class SimulationRunTests
{
    private const string Mexican = "+525512345678";
    private const string Canadian = "+14165550123";

    private static CompiledService Demo(Action<ServiceConfig>? change = null)
    {
        var config = DemoData.SushiRewards();
        change?.Invoke(config);
        return new CompiledService(new string('a', 34), 1, config);
    }

    [Fact]
    public void Send_StopHelpStart_HelpOffWhenOptedOut_EffectsAndRepliesInOrder()
    {
        var service = Demo(c => c.ReplyToHelpWhenOptedOut = false);
        var run = new SimulationRun();

        var stop = run.Send(service, Mexican, "stop");
        var help = run.Send(service, Mexican, "HELP");
        var start = run.Send(service, Mexican, "Start");
        var helpAgain = run.Send(service, Mexican, "help");

        Assert.Equal(SimulatedEffect.Added, stop.Effect);
        Assert.Equal("added to block list", stop.EffectText);
        Assert.StartsWith("Sushi Rewards México", stop.SentReply, StringComparison.Ordinal);
        Assert.Equal(SimulatedEffect.None, help.Effect);
        Assert.Null(help.SentReply);
        Assert.Equal(NoReplyReason.HelpSuppressedForBlockedSender, help.NoReply);
        Assert.Equal(SimulatedEffect.Removed, start.Effect);
        Assert.NotNull(start.SentReply);
        Assert.NotNull(helpAgain.SentReply);
        Assert.Empty(run.Blocked);
    }

    [Fact]
    public void Send_StopTwiceThenStartTwice_AlreadyAndNotOnBlockList()
    {
        var service = Demo();
        var run = new SimulationRun();

        var effects = new[] { "STOP", "quit", "START", "start" }.Select(b => run.Send(service, Canadian, b).Effect).ToList();

        Assert.Equal([SimulatedEffect.Added, SimulatedEffect.AlreadyBlocked, SimulatedEffect.Removed, SimulatedEffect.NotBlocked], effects);
    }

    [Fact]
    public void Send_HelpWhileBlocked_ReplyToHelpOn_Answers()
    {
        var service = Demo();
        var run = new SimulationRun([Mexican]);

        var help = run.Send(service, Mexican, "AYUDA");

        Assert.Equal(NoReplyReason.None, help.NoReply);
        Assert.Equal("language es", help.Classification.AnsweredBy);
        Assert.Contains(Mexican, run.Blocked);
    }

    [Fact]
    public void Send_ArretFromCanada_FrenchReplyAndExplanation()
    {
        var run = new SimulationRun();

        var m = run.Send(Demo(), Canadian, "Arrêt");

        Assert.Equal("STOP", m.OptOutType);
        Assert.Equal("ARRET", m.Classification.MatchKey);
        Assert.Equal("ARRET", m.Classification.MatchedKeyword);
        Assert.Equal("fr", m.Classification.Language);
        Assert.Equal("CA", m.Classification.Country);
        Assert.Equal("language fr", m.Classification.AnsweredBy);
        Assert.StartsWith("Sushi Rewards : désabonnement confirmé", m.SentReply, StringComparison.Ordinal);
        Assert.Equal("GSM-7", m.Segments.EncodingName);
        Assert.Equal(1, m.Segments.Segments);
    }

    [Fact]
    public void Send_NotAKeyword_NoReplyNoEffect()
    {
        var run = new SimulationRun();

        var m = run.Send(Demo(), Canadian, "see you at 7");

        Assert.Null(m.OptOutType);
        Assert.Null(m.PossibleOptOut);
        Assert.Equal(SimulatedEffect.None, m.Effect);
        Assert.Equal(NoReplyReason.NoMatch, m.NoReply);
        Assert.Equal(0, m.Segments.Segments);
        Assert.Empty(run.Blocked);
    }

    [Fact]
    public void Reset_AfterStop_EmptiesSimulatedBlockList()
    {
        var run = new SimulationRun();
        run.Send(Demo(), Canadian, "STOP");

        run.Reset();

        Assert.Empty(run.Blocked);
    }

    [Fact]
    public void RunBatch_CsvWithOwnSenders_UsesThemAndDefaultOtherwise()
    {
        var (samples, errors) = SampleTexts.Parse("from,body\n+525512345678,STOP\n,Arrêt\nnot-a-number,HELP\n");
        var run = new SimulationRun();

        var results = run.RunBatch(Demo().Classifier, samples, Canadian);

        Assert.Single(errors);
        Assert.Contains("Row 3", errors[0], StringComparison.Ordinal);
        Assert.Equal(2, results.Count);
        Assert.Equal("country MX", results[0].Classification.AnsweredBy);
        Assert.Equal(Canadian, results[1].From);
        Assert.Equal("language fr", results[1].Classification.AnsweredBy);
    }

    [Fact]
    public void Parse_PlainLines_OneTextPerLineBlankLinesSkipped()
    {
        var (samples, errors) = SampleTexts.Parse("STOP\r\n\r\nplease, stop\nBaja\n");

        Assert.Empty(errors);
        Assert.Equal(["STOP", "please, stop", "Baja"], samples.Select(s => s.Body));
        Assert.All(samples, s => Assert.Null(s.From));
    }

    [Theory]
    [InlineData("CA")]
    [InlineData("MX")]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("FR")]
    public void ExampleNumbers_Mobile_IsValidNumberOfThatCountry(string country)
    {
        var number = ExampleNumbers.Mobile(country);

        Assert.NotNull(number);
        Assert.Equal(number, E164.Normalize(number));
        Assert.Equal(country, E164.RegionOf(number));
    }
}
