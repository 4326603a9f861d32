namespace OptOutConsole.Core.Tracking;

/// <summary>The three kinds of tracking event (DESIGN 1), in the order the dashboard shows them.</summary>
public static class EventTypes
{
    public const string Stop = "STOP";
    public const string Start = "START";
    public const string Help = "HELP";

    public static readonly IReadOnlyList<string> All = [Stop, Start, Help];

    /// <summary>0, 1, 2 for STOP, START, HELP; -1 for anything else.</summary>
    public static int IndexOf(string? type) => type switch
    {
        Stop => 0,
        Start => 1,
        Help => 2,
        _ => -1,
    };
}
