namespace OptOutConsole.Core.Simulation;

/// <summary>One sample text for the batch mode: its body and, optionally, its own sender (E.164).</summary>
public sealed record SampleText(string? From, string Body);
