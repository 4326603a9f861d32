using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Core.Simulation;

/// <summary>
/// Runs a service's saved test cases against a configuration (the saved one, or an edited copy before it is saved),
/// so a keyword change that breaks an expectation shows as a <c>testcase.failed</c> warning before it goes live.
/// </summary>
public static class TestCaseRunner
{
    /// <summary>Each case's result, in the given order.</summary>
    public static IReadOnlyList<TestCaseResult> Run(KeywordClassifier classifier, IEnumerable<ServiceTestCase> cases)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(cases);
        return cases.Select(t =>
        {
            var actual = classifier.Classify(t.From, t.Body);
            return new TestCaseResult(t, actual, Passes(t, actual));
        }).ToList();
    }

    /// <summary>
    /// Each case's result against <paramref name="config"/> (an edited copy before it is saved, or the document being
    /// saved), with the classifier built from it; no classifier is built when <paramref name="cases"/> is empty.
    /// </summary>
    public static IReadOnlyList<TestCaseResult> Run(ServiceConfig config, IReadOnlyCollection<ServiceTestCase> cases)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cases);
        return cases.Count == 0 ? [] : Run(KeywordClassifier.Build(config), cases);
    }

    /// <summary>One <c>testcase.failed</c> warning per failing case; none when <paramref name="cases"/> is empty.</summary>
    public static IReadOnlyList<Problem> Problems(ServiceConfig config, IReadOnlyCollection<ServiceTestCase> cases) =>
        Problems(Run(config, cases));

    /// <summary>One <c>testcase.failed</c> warning per failing result.</summary>
    public static IReadOnlyList<Problem> Problems(IEnumerable<TestCaseResult> results) =>
        results.Where(r => !r.Passed).Select(ToProblem).ToList();

    /// <summary>The path a case's problem names: <c>testCases[name]</c>.</summary>
    public static string PathOf(ServiceTestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        return $"testCases[{testCase.Name}]";
    }

    /// <summary>True when the actual type equals the expected one (null = no match) and, when a set is expected, that set answered.</summary>
    public static bool Passes(ServiceTestCase testCase, in Classification actual)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var expectedType = string.IsNullOrWhiteSpace(testCase.ExpectedType) ? null : testCase.ExpectedType.Trim().ToUpperInvariant();
        if (!string.Equals(expectedType, actual.OptOutType, StringComparison.Ordinal))
        {
            return false;
        }

        return string.IsNullOrWhiteSpace(testCase.ExpectedAnsweredBy)
            || string.Equals(testCase.ExpectedAnsweredBy.Trim(), actual.AnsweredBy, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"STOP answered by country MX", "HELP (any set)", "no match".</summary>
    public static string Describe(string? type, string? answeredBy, bool anySet)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return "no match";
        }

        if (!string.IsNullOrWhiteSpace(answeredBy))
        {
            return $"{type} answered by {answeredBy}";
        }

        return anySet ? $"{type} (any set)" : $"{type} with no reply";
    }

    private static Problem ToProblem(TestCaseResult r) => Problem.Warning(
        ProblemCodes.TestCaseFailed,
        PathOf(r.Case),
        $"Test case “{r.Case.Name}” fails: “{r.Case.Body}” from {r.Case.From} should be {r.ExpectedText}, but is {r.ActualText}.");
}
