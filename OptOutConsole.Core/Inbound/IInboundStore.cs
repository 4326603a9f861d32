namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The inbound writer's storage, one implementation per provider: the only place the webhook's SQL lives. The
/// writer hands it a batch of decided messages (<see cref="InboundWork"/>, <see cref="ProviderOptOutWork"/>); it
/// applies their effects (idempotency by MessageSid, block list, tracking event, daily counter, campaign
/// conversions, outbox, the bounded log of answers) in one durable transaction.
/// </summary>
internal interface IInboundStore : IDisposable
{
    /// <summary>Connects and reads what the store keeps in memory; throws when the database cannot be used at all.</summary>
    void Open();

    /// <summary>
    /// Applies <paramref name="batch"/> in one transaction and fills <paramref name="answers"/> (the TwiML of each
    /// item, the stored one for a repeated MessageSid; empty for a provider opt-out). Returns only once the
    /// transaction is durably committed; throws when nothing of it was committed.
    /// </summary>
    InboundCommit Commit(IReadOnlyList<object> batch, string[] answers, DateTimeOffset now);
}
