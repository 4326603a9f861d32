namespace OptOutConsole.Core.BlockList;

/// <summary>How a number came onto the block list (DESIGN 1 and 3.5).</summary>
public static class BlockListSources
{
    public const string Keyword = "keyword";
    public const string Manual = "manual";
    public const string Import = "import";
    public const string Provider = "provider";

    /// <summary>A free-text opt-out request detected and handled as a STOP (<c>optOutIntent.mode</c> block).</summary>
    public const string Intent = "intent";

    /// <summary>A person decided a review item was an opt-out request.</summary>
    public const string Review = "review";

    /// <summary>A review item still open at its due date (10 business days after receipt) was opted out automatically.</summary>
    public const string ReviewDeadline = "review-deadline";

    public static readonly IReadOnlyList<string> All = [Keyword, Manual, Import, Provider, Intent, Review, ReviewDeadline];
}
