namespace OptOutConsole.Core.BlockList;

/// <summary>
/// The result of a CSV import. Every data row is counted once: <c>Rows == Added + AlreadyPresent + RejectedCount</c>.
/// <see cref="Rejected"/> lists the rejected rows (at most <see cref="BlockListImporter.MaxRejectedListed"/>).
/// </summary>
public sealed record ImportSummary(long Rows, long Added, long AlreadyPresent, long RejectedCount, IReadOnlyList<ImportRejection> Rejected)
{
    /// <summary>True when more rows were rejected than are listed.</summary>
    public bool RejectedTruncated => RejectedCount > Rejected.Count;

    public string Describe() =>
        $"{Rows} rows: {Added} added, {AlreadyPresent} already present, {RejectedCount} rejected";
}
