using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace OptOutConsole.Core.Keywords;

/// <summary>
/// The precomputed per-code-point fold behind <see cref="MatchKeyFolder"/>, built once per process from the
/// reference <see cref="MatchKey.Compute"/>.
/// </summary>
/// <remarks>
/// The reference pipeline (NFKC, NFD, drop non-spacing marks, NFC, upper-case, keep letters and digits) equals
/// NFKD, drop marks, NFC, upper, filter. Every step is per code point except the final NFC, which can compose a
/// character with the next one that survives the mark removal (Hangul jamo, a few Indic and Balinese vowel
/// signs). So a text's key is the concatenation of its code points' keys unless two neighbours can compose; the
/// table flags the code points that can start (<see cref="Tail"/>) or finish (<see cref="Head"/>) such a
/// composition, and the folder falls back to the full pipeline when a <see cref="Tail"/> meets a
/// <see cref="Head"/>. Code points that vanish before the NFC (only non-spacing marks) are <see cref="Drop"/>:
/// they neither add to the key nor separate their neighbours.
/// Entry layout: bits 0-19 the folded character (length 1) or the offset in <see cref="Pool"/>;
/// bits 20-24 the length; bits 25-27 the flags.
/// </remarks>
internal static class FoldTable
{
    public const uint Drop = 1u << 25;
    public const uint Tail = 1u << 26;
    public const uint Head = 1u << 27;
    public const int LengthShift = 20;
    public const uint LengthMask = 31;
    public const uint ValueMask = (1u << 20) - 1;

    /// <summary>A lone surrogate: folded like U+FFFD, a symbol that adds nothing and separates its neighbours.</summary>
    public const uint LoneSurrogate = 0;

    /// <summary>The one BMP character .NET's normalisation rejects besides lone surrogates; read as U+FFFD too.</summary>
    public const char Invalid = '\uFFFE';

    /// <summary>One entry per UTF-16 unit (surrogates excluded).</summary>
    public static readonly uint[] Bmp;

    /// <summary>Supplementary code points that decompose or can compose; any other folds to its upper case or nothing.</summary>
    public static readonly FrozenDictionary<int, uint> Supplementary;

    public static readonly char[] Pool;

    /// <summary>The longest key one code point folds to.</summary>
    public static readonly int MaxFold;

    static FoldTable()
    {
        var (first, second) = CompositionParticipants();
        var pool = new StringBuilder();
        var maxFold = 2;
        Bmp = new uint[0x10000];
        for (var c = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF || c == Invalid)
            {
                Bmp[c] = LoneSurrogate;
                continue;
            }

            Bmp[c] = EntryFor(((char)c).ToString(), first, second, pool, ref maxFold);
        }

        var supplementary = new Dictionary<int, uint>();
        Span<char> pair = stackalloc char[2];
        for (var cp = 0x10000; cp <= 0x10FFFF; cp++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            if (category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                continue;
            }

            new Rune(cp).EncodeToUtf16(pair);
            if (pair.IsNormalized(NormalizationForm.FormKD) && !first.Contains(cp) && !second.Contains(cp))
            {
                continue;
            }

            supplementary[cp] = EntryFor(char.ConvertFromUtf32(cp), first, second, pool, ref maxFold);
        }

        Supplementary = supplementary.ToFrozenDictionary();
        Pool = pool.ToString().ToCharArray();
        MaxFold = maxFold;
    }

    private static uint EntryFor(string text, HashSet<int> first, HashSet<int> second, StringBuilder pool, ref int maxFold)
    {
        var fold = MatchKey.Compute(text);
        var stream = WithoutNonSpacingMarks(text.Normalize(NormalizationForm.FormKD));
        uint flags = 0;
        if (stream.Length == 0)
        {
            flags |= Drop;
        }
        else
        {
            if (first.Contains(LastCodePoint(stream)))
            {
                flags |= Tail;
            }

            if (second.Contains(char.ConvertToUtf32(stream, 0)))
            {
                flags |= Head;
            }
        }

        maxFold = Math.Max(maxFold, fold.Length);
        if (fold.Length > (int)LengthMask)
        {
            throw new InvalidOperationException($"U+{char.ConvertToUtf32(text, 0):X4} folds to {fold.Length} characters.");
        }

        uint value;
        if (fold.Length == 1)
        {
            value = fold[0];
        }
        else
        {
            value = (uint)pool.Length;
            pool.Append(fold);
            if (pool.Length > ValueMask)
            {
                throw new InvalidOperationException("The fold pool outgrew its 20-bit offsets.");
            }
        }

        return value | ((uint)fold.Length << LengthShift) | flags;
    }

    /// <summary>
    /// Code points that can be the first (not last) or a later (not first) part of a canonical composition once
    /// non-spacing marks are gone: every canonical decomposition with two or more remaining code points names them.
    /// </summary>
    private static (HashSet<int> First, HashSet<int> Second) CompositionParticipants()
    {
        var first = new HashSet<int>();
        var second = new HashSet<int>();
        Span<char> buffer = stackalloc char[2];
        for (var cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF || cp == Invalid)
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            if (category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                continue;
            }

            var length = new Rune(cp).EncodeToUtf16(buffer);
            if (buffer[..length].IsNormalized(NormalizationForm.FormD))
            {
                continue;
            }

            var stream = WithoutNonSpacingMarks(buffer[..length].ToString().Normalize(NormalizationForm.FormD));
            var points = new List<int>();
            foreach (var rune in stream.EnumerateRunes())
            {
                points.Add(rune.Value);
            }

            if (points.Count < 2)
            {
                continue;
            }

            for (var i = 0; i < points.Count; i++)
            {
                if (i < points.Count - 1)
                {
                    first.Add(points[i]);
                }

                if (i > 0)
                {
                    second.Add(points[i]);
                }
            }
        }

        return (first, second);
    }

    /// <summary>Drops non-spacing marks unit by unit, exactly as the reference does (a surrogate half is never one).</summary>
    private static string WithoutNonSpacingMarks(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static int LastCodePoint(string s) =>
        s.Length >= 2 && char.IsLowSurrogate(s[^1]) && char.IsHighSurrogate(s[^2])
            ? char.ConvertToUtf32(s[^2], s[^1])
            : s[^1];
}
