namespace OptOutConsole.Core.BlockList;

/// <summary>How far an import is, reported after each committed batch.</summary>
public sealed record ImportProgress(long Rows, long Added, long AlreadyPresent, long Rejected, long BytesRead);
