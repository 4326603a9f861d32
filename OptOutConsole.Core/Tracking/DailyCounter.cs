namespace OptOutConsole.Core.Tracking;

/// <summary>Per-day event counts, kept in the same transaction as the events, so dashboards never scan events.</summary>
public sealed class DailyCounter
{
    public required string ServiceSid { get; set; }

    /// <summary>Days since 1970-01-01 (UTC).</summary>
    public int Day { get; set; }

    public required string Type { get; set; }

    public string Country { get; set; } = string.Empty;

    public string Keyword { get; set; } = string.Empty;

    public string AnsweredBy { get; set; } = string.Empty;

    public long Count { get; set; }
}
