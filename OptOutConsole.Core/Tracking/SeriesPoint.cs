namespace OptOutConsole.Core.Tracking;

/// <summary>Events of each type in one bucket (a UTC day, or an hour for short ranges) of the chart.</summary>
public sealed record SeriesPoint(DateTimeOffset Start, long Stop, long StartCount, long Help);
