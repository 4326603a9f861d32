using Microsoft.Extensions.Logging;

namespace OptOutConsole.Core.Cluster;

/// <summary>Calls each listener of a change on its own, so one that fails cannot keep the others from hearing it.</summary>
internal static class ChangeListeners
{
    public static void Raise(Action<ChangeSignal>? listeners, ChangeSignal signal, ILogger logger)
    {
        if (listeners is null)
        {
            return;
        }

        foreach (var listener in listeners.GetInvocationList().Cast<Action<ChangeSignal>>())
        {
            try
            {
                listener(signal);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A listener of {Kind} failed.", signal.Kind);
            }
        }
    }
}
