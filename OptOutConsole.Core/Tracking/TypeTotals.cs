namespace OptOutConsole.Core.Tracking;

/// <summary>Events of each type in a period, and the block list's net change they imply (docs/decisions/dashboard-net-change.md).</summary>
public sealed record TypeTotals(long Stop, long Start, long Help)
{
    public static readonly TypeTotals Zero = new(0, 0, 0);

    public long Total => Stop + Start + Help;

    /// <summary>STOP events minus START events: numbers the keywords added to the block list, less those they removed.</summary>
    public long NetBlockListChange => Stop - Start;

    public long this[string type] => type switch
    {
        EventTypes.Stop => Stop,
        EventTypes.Start => Start,
        EventTypes.Help => Help,
        _ => 0,
    };
}
