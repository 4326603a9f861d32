using System.Numerics;
using System.Runtime.CompilerServices;

namespace OptOutConsole.Core.Intent;

/// <summary>
/// The fast path in front of the frozen lexicon: a word of at most <see cref="MaxLength"/> letters A-Z packed five
/// bits a letter into a 64-bit key (the tokenizer packs while it folds), in an open-addressing table. Most words of
/// a text are such words, and this lookup costs a multiply and a compare or two, where hashing the span for the
/// frozen dictionary costs tens of nanoseconds. Every packable lexicon key is here, so a miss is final; other words
/// (digits, '#', other scripts, longer words) go to the frozen dictionary.
/// </summary>
/// <remarks>A letter's code is 1-26, never 0, so a packed key has one spelling and 0 is no key.</remarks>
internal sealed class IntentPackedTable
{
    /// <summary>Letters one key holds.</summary>
    public const int MaxLength = 12;

    private readonly ulong[] _keys;
    private readonly int[] _values;
    private readonly int _shift;
    private readonly int _mask;

    public IntentPackedTable(IEnumerable<KeyValuePair<string, int>> entries)
    {
        var packed = new List<(ulong Key, int Value)>();
        foreach (var (word, value) in entries)
        {
            if (TryPack(word, out var key))
            {
                packed.Add((key, value));
            }
        }

        // At most half full: probes stay short.
        var bits = Math.Max(4, BitOperations.Log2((uint)Math.Max(1, packed.Count)) + 2);
        _keys = new ulong[1 << bits];
        _values = new int[1 << bits];
        _shift = 64 - bits;
        _mask = (1 << bits) - 1;
        foreach (var (key, value) in packed)
        {
            var slot = Slot(key);
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _values[slot] = value;
        }
    }

    /// <summary>Packs an upper-case A-Z word of at most <see cref="MaxLength"/> letters; false for any other word.</summary>
    public static bool TryPack(ReadOnlySpan<char> word, out ulong key)
    {
        key = 0;
        if (word.IsEmpty || word.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (c is < 'A' or > 'Z')
            {
                return false;
            }

            key = (key << 5) | (uint)(c - '@');
        }

        return true;
    }

    /// <summary>The entry of a packed word, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong key)
    {
        var keys = _keys;
        var slot = Slot(key);
        while (true)
        {
            var k = keys[slot];
            if (k == key)
            {
                return _values[slot];
            }

            if (k == 0)
            {
                return -1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}
