namespace OptOutConsole.Core.Services;

/// <summary>A saved simulator message with its expected outcome; run on every config save.</summary>
public sealed class ServiceTestCase
{
    public long Id { get; set; }

    public required string ServiceSid { get; set; }

    public required string Name { get; set; }

    public required string From { get; set; }

    public required string Body { get; set; }

    /// <summary>STOP, START, HELP, or null for "no match".</summary>
    public string? ExpectedType { get; set; }

    /// <summary>The set expected to answer, e.g. "global", "language es", "country MX"; null: any.</summary>
    public string? ExpectedAnsweredBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
