namespace OptOutConsole.Core.Review;

/// <summary>What a decision about a review item came to.</summary>
public enum ReviewOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
    InvalidDecision,
    ReasonRequired,
}
