using System.Numerics;
using System.Runtime.CompilerServices;

namespace OptOutConsole.Core.Keywords;

/// <summary>
/// Match keys of at most <see cref="MaxLength"/> ASCII letters and digits packed six bits a character into two 64-bit
/// words, so that a plain-ASCII text is folded and packed in one pass (<see cref="AsciiKeyTable{T}"/> looks it up).
/// </summary>
/// <remarks>
/// A character's code is 1-10 for 0-9 and 11-36 for A-Z; no code is 0, so a packed key has exactly one spelling and
/// two zero words are no key.
/// </remarks>
internal static class AsciiKeys
{
    /// <summary>Characters one packed key holds: ten in each word.</summary>
    public const int MaxLength = 20;

    /// <summary>Characters per word.</summary>
    public const int PerWord = 10;

    /// <summary>For each ASCII character, its code in a packed key, or 0 when it folds to nothing.</summary>
    public static readonly byte[] Codes = BuildCodes();

    /// <summary>Adds the <paramref name="n"/>th character's <paramref name="code"/> to a packed key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Append(ref ulong lo, ref ulong hi, int n, byte code)
    {
        if (n < PerWord)
        {
            lo = (lo << 6) | code;
        }
        else
        {
            hi = (hi << 6) | code;
        }
    }

    /// <summary>Packs a match key; false when it is empty, longer than <see cref="MaxLength"/> or not ASCII letters and digits.</summary>
    public static bool TryPack(ReadOnlySpan<char> key, out ulong lo, out ulong hi)
    {
        lo = 0;
        hi = 0;
        if (key.IsEmpty || key.Length > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var code = CodeOf(key[i]);
            if (code == 0)
            {
                return false;
            }

            Append(ref lo, ref hi, i, code);
        }

        return true;
    }

    /// <summary>The code of an already folded character (0-9, A-Z), else 0.</summary>
    private static byte CodeOf(char c) => c switch
    {
        >= '0' and <= '9' => (byte)(c - '0' + 1),
        >= 'A' and <= 'Z' => (byte)(c - 'A' + 11),
        _ => 0,
    };

    /// <summary>From the fold's own ASCII table, so the packed path folds exactly as <see cref="MatchKey.Compute"/>.</summary>
    private static byte[] BuildCodes()
    {
        var codes = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            var folded = MatchKeyFolder.AsciiFold[c];
            if (folded == 0)
            {
                continue;
            }

            codes[c] = CodeOf((char)folded) is > 0 and var code
                ? code
                : throw new InvalidOperationException($"ASCII U+{c:X4} does not fold to a letter or digit; the packed path would be wrong.");
        }

        return codes;
    }
}

/// <summary>
/// The classifier's fast index for the common case: values by packed ASCII key (<see cref="AsciiKeys"/>), looked up
/// without a buffer or a string comparison.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over a power-of-two table at most half full; the probe sequences depend only on
/// the configured keys (lookups never insert), so a sender cannot make them longer.
/// </remarks>
internal sealed class AsciiKeyTable<T>
    where T : class
{
    private readonly Entry[] _entries;
    private readonly int _shift;

    /// <param name="items">Keys (already match keys) and their values; keys that are not short ASCII are left out.</param>
    public AsciiKeyTable(IEnumerable<KeyValuePair<string, T>> items)
    {
        var packed = new List<Entry>();
        foreach (var (key, value) in items)
        {
            if (AsciiKeys.TryPack(key, out var lo, out var hi))
            {
                packed.Add(new Entry(lo, hi, value));
            }
        }

        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, packed.Count * 2));
        _entries = new Entry[size];
        _shift = 64 - BitOperations.Log2((uint)size);
        var mask = size - 1;
        foreach (var e in packed)
        {
            var i = Index(e.Lo, e.Hi);
            while (_entries[i].Value is not null)
            {
                i = (i + 1) & mask;
            }

            _entries[i] = e;
        }

        Count = packed.Count;
    }

    /// <summary>How many keys the table holds.</summary>
    public int Count { get; }

    /// <summary>The value for a packed key, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T? Find(ulong lo, ulong hi)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Index(lo, hi);
        while (true)
        {
            ref readonly var e = ref entries[i];
            if (e.Lo == lo && e.Hi == hi)
            {
                return e.Value;
            }

            if (e.Value is null)
            {
                return null;
            }

            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(ulong lo, ulong hi) =>
        (int)(((lo * 0x9E3779B97F4A7C15UL) ^ (hi * 0xC2B2AE3D27D4EB4FUL)) >> _shift);

    private readonly record struct Entry(ulong Lo, ulong Hi, T? Value);
}
