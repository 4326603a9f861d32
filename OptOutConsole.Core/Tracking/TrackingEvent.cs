namespace OptOutConsole.Core.Tracking;

/// <summary>One inbound message that matched a keyword (DESIGN 1).</summary>
public sealed class TrackingEvent
{
    public long Id { get; set; }

    public DateTimeOffset Time { get; set; }

    public required string ServiceSid { get; set; }

    /// <summary>E.164.</summary>
    public required string From { get; set; }

    /// <summary>ISO 3166-1 alpha-2, or empty when unknown.</summary>
    public string Country { get; set; } = string.Empty;

    /// <summary>STOP, START or HELP.</summary>
    public required string Type { get; set; }

    public required string Keyword { get; set; }

    public string? Language { get; set; }

    /// <summary>"global", "language xx" or "country YY".</summary>
    public required string AnsweredBy { get; set; }

    public string? MessageSid { get; set; }
}
