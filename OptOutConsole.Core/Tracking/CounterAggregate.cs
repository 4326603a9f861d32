namespace OptOutConsole.Core.Tracking;

/// <summary>Sums of the per-day counters over a range of days for one filter (what <see cref="CounterRollup"/> answers).</summary>
public sealed class CounterAggregate
{
    internal CounterAggregate(int firstDay, int days)
    {
        FirstDay = firstDay;
        Daily = new long[days, 3];
    }

    public int FirstDay { get; }

    public TypeTotals Totals { get; internal set; } = TypeTotals.Zero;

    /// <summary>Events by country code ("" when unknown).</summary>
    public Dictionary<string, long> ByCountry { get; } = new(StringComparer.Ordinal);

    /// <summary>Events by the set that answered ("global", "language es", "country MX").</summary>
    public Dictionary<string, long> ByAnsweredBy { get; } = new(StringComparer.Ordinal);

    /// <summary>Events by (type, matched keyword).</summary>
    public Dictionary<(string Type, string Keyword), long> ByKeyword { get; } = [];

    /// <summary>[day - <see cref="FirstDay"/>, type index] (filled only when asked for).</summary>
    public long[,] Daily { get; }
}
