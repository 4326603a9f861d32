namespace OptOutConsole.Core.Inbound;

/// <summary>The answer given to one inbound MessageSid, so a provider's retry gets the same answer once more.</summary>
public sealed class ProcessedMessage
{
    public required string MessageSid { get; set; }

    public required string ServiceSid { get; set; }

    public required string ResponseXml { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
