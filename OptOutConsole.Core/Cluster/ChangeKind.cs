namespace OptOutConsole.Core.Cluster;

/// <summary>What a <see cref="ChangeSignal"/> says has changed.</summary>
public enum ChangeKind
{
    /// <summary>A service's configuration was saved, rolled back, created or deleted (<see cref="ChangeSignal.Subject"/>: its SID).</summary>
    ServiceChanged,

    /// <summary>Tracking events were committed (<see cref="ChangeSignal.Count"/> of them; <see cref="ChangeSignal.Conversions"/> when campaign conversions changed too).</summary>
    EventsCommitted,

    /// <summary>An API key was revoked (<see cref="ChangeSignal.Subject"/>: its hash).</summary>
    ApiKeyRevoked,

    /// <summary>Signals may have been missed (a reconnect, or the periodic re-check): whoever caches anything checks it again.</summary>
    Recheck,
}
