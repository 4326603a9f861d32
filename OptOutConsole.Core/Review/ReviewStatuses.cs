namespace OptOutConsole.Core.Review;

/// <summary>Where a <see cref="ReviewItem"/> stands.</summary>
public static class ReviewStatuses
{
    public const string Open = "open";
    public const string Decided = "decided";

    public static readonly IReadOnlyList<string> All = [Open, Decided];
}
