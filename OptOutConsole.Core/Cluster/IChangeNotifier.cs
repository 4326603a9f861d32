namespace OptOutConsole.Core.Cluster;

/// <summary>
/// The one way a change reaches every console instance's caches (STYLE "Two databases, one model"): in-process on
/// SQLite, LISTEN/NOTIFY on PostgreSQL. Nothing else in the code knows how many instances there are.
/// </summary>
public interface IChangeNotifier
{
    /// <summary>
    /// Raised for every change, this instance's (at once, on the publisher's thread) and the other instances' (on a
    /// background thread), and with <see cref="ChangeKind.Recheck"/> whenever signals may have been missed. Listeners
    /// must be quick and must not throw.
    /// </summary>
    event Action<ChangeSignal>? Changed;

    /// <summary>
    /// Tells this instance's listeners at once, then the other instances. Completes once the other instances can
    /// hear it (a service change is sent before this returns; events are gathered and sent a moment later).
    /// </summary>
    ValueTask PublishAsync(ChangeSignal signal, CancellationToken ct);
}
