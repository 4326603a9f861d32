using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Simulation;

/// <summary>One saved test case run against a configuration.</summary>
/// <param name="Case">The test case.</param>
/// <param name="Actual">What the classifier decided.</param>
/// <param name="Passed">True when the type (and the answering set, when one is expected) are as expected.</param>
public sealed record TestCaseResult(ServiceTestCase Case, Classification Actual, bool Passed)
{
    /// <summary>"STOP answered by country MX", "no match": the expected outcome as a person reads it.</summary>
    public string ExpectedText => TestCaseRunner.Describe(Case.ExpectedType, Case.ExpectedAnsweredBy, anySet: true);

    /// <summary>The actual outcome as a person reads it.</summary>
    public string ActualText => TestCaseRunner.Describe(Actual.OptOutType, Actual.AnsweredBy, anySet: false);
}
