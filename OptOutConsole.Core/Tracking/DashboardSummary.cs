namespace OptOutConsole.Core.Tracking;

/// <summary>Every aggregate of the dashboard for one filter, answered from the per-day counters (hourly buckets from the events).</summary>
public sealed record DashboardSummary(
    DashboardFilter Filter,
    TypeTotals Totals,
    TypeTotals PreviousTotals,
    bool Hourly,
    IReadOnlyList<SeriesPoint> Series,
    IReadOnlyList<NamedCount> Countries,
    IReadOnlyList<NamedCount> LanguageSets,
    IReadOnlyList<KeywordCount> TopKeywords);
