using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Tests.Core.Simulation;

public sealed class TestCaseRunnerTests
{
    private static ServiceTestCase Case(string name, string from, string body, string? type, string? answeredBy = null) =>
        new() { ServiceSid = "MG", Name = name, From = from, Body = body, ExpectedType = type, ExpectedAnsweredBy = answeredBy };

    [Fact]
    public void Run_DemoConfig_ExpectationsMet_AllPass()
    {
        var classifier = KeywordClassifier.Build(DemoData.SushiRewards());
        ServiceTestCase[] cases =
        [
            Case("mx stop", "+525512345678", "STOP", "STOP", "country MX"),
            Case("ca arret", "+14165550123", "Arrêt", "STOP", "language fr"),
            Case("sushi", "+14155550123", "sushi!", "START"),
            Case("chatter", "+14155550123", "stop please", null),
        ];

        var results = TestCaseRunner.Run(classifier, cases);

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Case.Name}: {r.ActualText}"));
        Assert.Empty(TestCaseRunner.Problems(results));
    }

    [Fact]
    public void Run_EditedConfig_EachCasePassesOrFailsWithTheActualOutcome()
    {
        var config = DemoData.SushiRewards();
        config.Global.OptOut.Keywords.Add("SALIR");

        var results = TestCaseRunner.Run(config, [Case("salir is chatter", "+14155550123", "Salir", null), Case("us stop", "+14155550123", "STOP", "STOP", "global")]);

        Assert.False(results[0].Passed);
        Assert.Equal("no match", results[0].ExpectedText);
        Assert.Equal("STOP answered by global", results[0].ActualText);
        Assert.Equal("US", results[0].Actual.Country);
        Assert.True(results[1].Passed);
    }

    [Fact]
    public void Run_NoCases_Empty()
    {
        Assert.Empty(TestCaseRunner.Run(DemoData.SushiRewards(), []));
    }

    [Fact]
    public void Problems_KeywordRemoved_WarningNamingTheCase()
    {
        var config = DemoData.SushiRewards();
        config.Languages.RemoveAll(l => l.Language == "fr");

        var problems = TestCaseRunner.Problems(config, [Case("Canadian ARRET", "+14165550123", "Arrêt", "STOP", "language fr")]);

        var p = Assert.Single(problems);
        Assert.Equal(ProblemCodes.TestCaseFailed, p.Code);
        Assert.False(p.IsError);
        Assert.Equal("testCases[Canadian ARRET]", p.Path);
        Assert.Contains("“Canadian ARRET”", p.Message, StringComparison.Ordinal);
        Assert.Contains("should be STOP answered by language fr, but is no match", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_OtherSetAnswers_Fails()
    {
        var problems = TestCaseRunner.Problems(DemoData.SushiRewards(), [Case("mx", "+525512345678", "STOP", "STOP", "global")]);

        Assert.Contains("but is STOP answered by country MX", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "+14155550123", "STOP", "STOP", null, "name")]
    [InlineData("a", "12", "STOP", "STOP", null, "from")]
    [InlineData("a", "+14155550123", "", "STOP", null, "body")]
    [InlineData("a", "+14155550123", "STOP", "BLOCK", null, "expectedType")]
    [InlineData("a", "+14155550123", "STOP", "STOP", "country Mexico", "expectedAnsweredBy")]
    [InlineData("a", "+14155550123", "hi", null, "global", "expectedAnsweredBy")]
    public void Validate_BadDraft_RefusedNamingTheField(string name, string from, string body, string? type, string? answeredBy, string field)
    {
        var (testCase, problems) = TestCaseCatalog.Validate("MG", new TestCaseDraft(name, from, body, type, answeredBy), []);

        Assert.Null(testCase);
        Assert.Contains(problems, p => p.Path == field && p.Code == ProblemCodes.TestCaseInvalid);
    }

    [Fact]
    public void Validate_GoodDraft_Canonical()
    {
        var (testCase, problems) = TestCaseCatalog.Validate("MG", new TestCaseDraft(" mx ", "+52 55 1234 5678", "Baja", "stop", "COUNTRY mx"), []);

        Assert.Empty(problems);
        Assert.Equal("mx", testCase!.Name);
        Assert.Equal("+525512345678", testCase.From);
        Assert.Equal("STOP", testCase.ExpectedType);
        Assert.Equal("country MX", testCase.ExpectedAnsweredBy);
    }
}
