namespace OptOutConsole.Core.BlockList;

/// <summary>A row an import left out: its line in the file, the offending value as written, and why.</summary>
public sealed record ImportRejection(long Line, string Value, string Reason);
