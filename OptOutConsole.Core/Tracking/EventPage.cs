namespace OptOutConsole.Core.Tracking;

/// <summary>One page of the latest events (newest first) and how many match the filter in all.</summary>
public sealed record EventPage(IReadOnlyList<TrackingEvent> Items, long Total);
