namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// A clock that stands still until a test moves it: the app's <see cref="TimeProvider"/> in
/// <see cref="ClockedConsoleAppFactory"/> and <see cref="ClockedPostgresConsoleAppFactory"/>, so "now" (a message's
/// receipt, a review item's due date, the deadline) is known to the millisecond. Timers and elapsed time stay the
/// system's (the base class's), so background loops keep their real pace; only the date moves.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref utcTicks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref utcTicks, by.Ticks);
}
