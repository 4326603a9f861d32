namespace OptOutConsole.Core.Inbound;

/// <summary>The forwarding state of a service: how many messages wait, were delivered or keep failing, and the last error.</summary>
public sealed record OutboxSummary(int Pending, int Delivered, int Failing, string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? LastDeliveredAt);
