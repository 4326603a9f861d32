namespace OptOutConsole.Core.Inbound;

/// <summary>An inbound message waiting to be (or already) forwarded to the service's webhook URL.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string ServiceSid { get; set; }

    public required string Url { get; set; }

    /// <summary>The form parameters to POST, as a JSON object of name to value.</summary>
    public required string ParametersJson { get; set; }

    public string? MessageSid { get; set; }

    /// <summary>pending, delivered or failing.</summary>
    public required string State { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
