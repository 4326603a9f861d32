namespace OptOutConsole.Core.Simulation;

/// <summary>A test case to save: a simulator message and its expected outcome.</summary>
/// <param name="Name">Unique within the service; problems name the case by it.</param>
/// <param name="From">The sender (E.164, or a number libphonenumber reads in international form).</param>
/// <param name="Body">The text.</param>
/// <param name="ExpectedType">STOP, START, HELP, or null for "no match".</param>
/// <param name="ExpectedAnsweredBy">global, language xx or country YY; null for any set.</param>
public sealed record TestCaseDraft(string Name, string From, string Body, string? ExpectedType, string? ExpectedAnsweredBy);
