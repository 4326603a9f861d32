using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Cluster;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// Tells open dashboards that new events were committed, by this console instance or another one, at most every
/// <see cref="Interval"/> however busy the webhook is: the first commit after a quiet moment is announced at once, the ones that follow within the interval together.
/// Listeners are called on a pool thread and must marshal to their own context (Blazor: <c>InvokeAsync</c>).
/// </summary>
public sealed class EventNotifier : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(400);

    private readonly IChangeNotifier notifier;
    private readonly TimeProvider clock;
    private readonly ILogger<EventNotifier> logger;
    private readonly Lock gate = new();
    private long pending;
    private bool scheduled;
    private long lastRaised = long.MinValue;
    private ITimer? timer;

    public EventNotifier(IChangeNotifier notifier, TimeProvider clock, ILogger<EventNotifier> logger)
    {
        this.notifier = notifier;
        this.clock = clock;
        this.logger = logger;
        notifier.Changed += OnChanged;
    }

    /// <summary>Raised with how many events were stored since the last notice.</summary>
    public event Action<long>? EventsArrived;

    public void Dispose()
    {
        notifier.Changed -= OnChanged;
        timer?.Dispose();
    }

    private void OnChanged(ChangeSignal signal)
    {
        if (signal.Kind != ChangeKind.EventsCommitted || signal.Count == 0)
        {
            return;
        }

        var events = signal.Count;
        lock (gate)
        {
            pending += events;
            if (scheduled)
            {
                return;
            }

            var wait = lastRaised == long.MinValue ? TimeSpan.Zero : Interval - clock.GetElapsedTime(lastRaised);
            if (wait > TimeSpan.Zero)
            {
                scheduled = true;
                timer?.Dispose();
                timer = clock.CreateTimer(_ => Raise(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Raise();
    }

    private void Raise()
    {
        long count;
        lock (gate)
        {
            count = pending;
            pending = 0;
            scheduled = false;
            lastRaised = clock.GetTimestamp();
        }

        if (count == 0 || EventsArrived is not { } listeners)
        {
            return;
        }

        // One failing page must not stop the others, nor (on the timer's thread) the process.
        foreach (var listener in listeners.GetInvocationList().Cast<Action<long>>())
        {
            try
            {
                listener(count);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A listener of new tracking events failed.");
            }
        }
    }
}
