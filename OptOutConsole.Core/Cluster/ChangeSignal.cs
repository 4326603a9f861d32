namespace OptOutConsole.Core.Cluster;

/// <summary>One change that caches of this or another console instance must hear about.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Subject">The SID or key hash the change is about, where there is one.</param>
/// <param name="Count">How many events, for <see cref="ChangeKind.EventsCommitted"/>.</param>
/// <param name="Conversions">True when campaign conversions changed with the events.</param>
/// <param name="Remote">True when another instance made the change.</param>
public readonly record struct ChangeSignal(ChangeKind Kind, string? Subject = null, long Count = 0, bool Conversions = false, bool Remote = false)
{
    public static ChangeSignal Service(string sid) => new(ChangeKind.ServiceChanged, sid);

    public static ChangeSignal Events(long count, bool conversions) => new(ChangeKind.EventsCommitted, null, count, conversions);

    public static ChangeSignal KeyRevoked(string hash) => new(ChangeKind.ApiKeyRevoked, hash);
}
