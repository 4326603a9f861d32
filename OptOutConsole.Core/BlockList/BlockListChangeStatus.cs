namespace OptOutConsole.Core.BlockList;

/// <summary>What a manual add or remove did.</summary>
public enum BlockListChangeStatus
{
    Added,
    AlreadyPresent,
    Removed,
    NotPresent,
    InvalidNumber,
    ReasonRequired,
    ServiceNotFound,
    InvalidCountry,
}
