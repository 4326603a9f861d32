using System.Collections.Concurrent;

namespace OptOutConsole.Core.Phones;

/// <summary>
/// Remembers, per raw sender address and hint, its E.164 form and region: libphonenumber's parse costs
/// microseconds, and a busy webhook sees the same subscribers again and again. Bounded: it starts afresh when full.
/// </summary>
public sealed class SenderCache
{
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<(string Raw, string? Hint), Sender> entries = new();

    // ConcurrentDictionary.Count takes every lock of the dictionary: a busy webhook counts its own additions instead.
    private int count;

    /// <summary>A sender: its E.164 form (null when not a valid number) and its region (null when none).</summary>
    public readonly record struct Sender(string? E164, string? Region);

    public Sender Resolve(string raw, string? hint)
    {
        if (entries.TryGetValue((raw, hint), out var known))
        {
            return known;
        }

        var e164 = Phones.E164.Normalize(raw, hint);
        var sender = new Sender(e164, e164 is null ? null : Phones.E164.RegionOf(e164));
        if (Volatile.Read(ref count) >= Capacity)
        {
            entries.Clear();
            Volatile.Write(ref count, 0);
        }

        if (entries.TryAdd((raw, hint), sender))
        {
            Interlocked.Increment(ref count);
        }

        return sender;
    }
}
