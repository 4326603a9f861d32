namespace OptOutConsole.Core.BlockList;

/// <summary>The outcome of a manual add or remove: the status, the number in E.164 when it was valid, and a sentence for people.</summary>
public sealed record BlockListChange(BlockListChangeStatus Status, string? Number, string Message)
{
    /// <summary>True when the block list changed (an entry was added or removed).</summary>
    public bool Changed => Status is BlockListChangeStatus.Added or BlockListChangeStatus.Removed;
}
