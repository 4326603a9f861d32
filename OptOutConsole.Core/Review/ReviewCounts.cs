namespace OptOutConsole.Core.Review;

/// <summary>The review queue in figures, for the dashboard and the menu.</summary>
/// <param name="Flagged">Items received in the period.</param>
/// <param name="Decided">Items decided in the period (by a person or by the deadline).</param>
/// <param name="Open">Items open now.</param>
/// <param name="Overdue">Items open now past their due date (the deadline job opts them out within a minute).</param>
public sealed record ReviewCounts(long Flagged, long Decided, long Open, long Overdue);
