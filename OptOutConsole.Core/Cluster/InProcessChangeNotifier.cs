using Microsoft.Extensions.Logging;

namespace OptOutConsole.Core.Cluster;

/// <summary>SQLite's notifier: one process owns the file, so a change only has this instance's listeners to reach.</summary>
public sealed class InProcessChangeNotifier(ILogger<InProcessChangeNotifier> logger) : IChangeNotifier
{
    public event Action<ChangeSignal>? Changed;

    public ValueTask PublishAsync(ChangeSignal signal, CancellationToken ct)
    {
        ChangeListeners.Raise(Changed, signal, logger);
        return ValueTask.CompletedTask;
    }
}
