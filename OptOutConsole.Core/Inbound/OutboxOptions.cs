namespace OptOutConsole.Core.Inbound;

/// <summary>The <c>Outbox</c> configuration section: how forwarding claims its rows.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How long an instance holds the rows it took for delivery. Longer than one delivery can last (the HTTP client
    /// gives up after 30 s), so no row is sent twice; an instance that dies mid-delivery leaves its rows to the others
    /// after this long.
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;
}
