namespace OptOutConsole.Core.Review;

/// <summary>The result of one decision: the item as it is now (null when there is none), and why it was refused.</summary>
public sealed record ReviewDecision(ReviewOutcome Outcome, ReviewItem? Item, string Message);
