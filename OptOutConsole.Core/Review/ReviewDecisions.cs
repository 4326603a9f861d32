namespace OptOutConsole.Core.Review;

/// <summary>What was decided about a <see cref="ReviewItem"/> (the API's <c>decision</c>).</summary>
public static class ReviewDecisions
{
    /// <summary>It is an opt-out request: the number goes on the block list.</summary>
    public const string OptOut = "optOut";

    /// <summary>It is not an opt-out request.</summary>
    public const string Dismiss = "dismiss";

    public static readonly IReadOnlyList<string> All = [OptOut, Dismiss];

    /// <summary>Who decided an item that was still open at its due date.</summary>
    public const string DeadlineActor = "system (10 business days)";
}
