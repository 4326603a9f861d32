namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The answer given to one inbound MessageSid, so a provider's retry gets the same answer once more. An append-only
/// log in arrival order: the writer looks SIDs up in memory (<see cref="AnswerIndex"/>), so the table needs no index
/// on the random SIDs.
/// </summary>
public sealed class ProcessedMessage
{
    public long Id { get; set; }

    public required string MessageSid { get; set; }

    public required string ServiceSid { get; set; }

    public required string ResponseXml { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
