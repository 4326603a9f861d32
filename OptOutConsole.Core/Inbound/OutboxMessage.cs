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

    /// <summary>When it is due; while <see cref="LeaseOwner"/> is set, when that instance's claim on it ends.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The console instance delivering it right now, or null (<see cref="OutboxForwarder"/>).</summary>
    public string? LeaseOwner { get; set; }

    public const int LeaseOwnerMaxLength = 32;

    public DateTimeOffset? DeliveredAt { get; set; }
}
