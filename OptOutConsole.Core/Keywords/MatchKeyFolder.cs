using System.Buffers;
using System.Globalization;
using System.Text;

namespace OptOutConsole.Core.Keywords;

/// <summary>
/// The allocation-free twin of <see cref="MatchKey.Compute"/>: folds a text's match key into a caller's buffer
/// with a precomputed per-code-point table, and gives up as soon as the key is too long to be a keyword's.
/// The result always equals the reference (a property test checks every code point and many mixes).
/// </summary>
/// <remarks>
/// Bounding: a code point adds its fold to the key, and only the last one written can still change (by composing
/// with what follows), so once the key before it is longer than the limit the text cannot match and reading
/// stops; a 1,600-character body of words costs what its first few dozen characters cost. Characters that fold to
/// nothing (spaces, punctuation, emoji) must still be read, because "..... STOP" is a keyword: such a body costs
/// about a nanosecond per character. Two neighbours that can compose (Hangul jamo, some Indic vowel signs) send
/// the whole text through the full Unicode pipeline, which uses pooled buffers and reads everything.
/// Ill-formed UTF-16 (a lone surrogate) and U+FFFE, which the reference rejects with an exception, are read as
/// U+FFFD, a symbol that folds to nothing.
/// </remarks>
public static class MatchKeyFolder
{
    /// <summary>The buffer <see cref="Fold"/> needs for keys up to <paramref name="maxKeyLength"/> characters.</summary>
    public static int BufferLength(int maxKeyLength) => maxKeyLength + (2 * FoldTable.MaxFold) + 2;

    /// <summary>Builds the fold table now (about a tenth of a second) instead of on the first message.</summary>
    public static void Warm() => _ = FoldTable.MaxFold;

    /// <summary>
    /// Writes the match key of <paramref name="text"/> to <paramref name="destination"/> and returns its length,
    /// or -1 when the key is longer than <paramref name="maxKeyLength"/> (it can be no keyword's key).
    /// </summary>
    /// <param name="text">The message body or keyword.</param>
    /// <param name="destination">At least <see cref="BufferLength"/>(<paramref name="maxKeyLength"/>) characters.</param>
    /// <param name="maxKeyLength">The longest key worth finishing (the longest keyword key).</param>
    public static int Fold(ReadOnlySpan<char> text, Span<char> destination, int maxKeyLength = MatchKey.MaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, BufferLength(maxKeyLength), nameof(destination));

        // Most texts are plain ASCII: an ASCII character folds to itself upper-cased or to nothing, and never composes
        // with an ASCII neighbour, so a byte table does it. The first other character sends the text down the general path.
        var ascii = AsciiFold;
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 128)
            {
                return FoldGeneral(text, destination, maxKeyLength);
            }

            var folded = ascii[c];
            if (folded != 0)
            {
                if (n == maxKeyLength)
                {
                    return -1;
                }

                destination[n++] = (char)folded;
            }
        }

        return n;
    }

    /// <summary>For each ASCII character, its fold (one character) or 0 when it folds to nothing; made from the fold table.</summary>
    internal static readonly byte[] AsciiFold = BuildAsciiFold();

    private static byte[] BuildAsciiFold()
    {
        var table = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            var entry = FoldTable.Bmp[c];
            var length = (entry >> FoldTable.LengthShift) & FoldTable.LengthMask;
            if ((entry & FoldTable.Drop) == 0 && length == 1 && (entry & FoldTable.ValueMask) < 128)
            {
                table[c] = (byte)(entry & FoldTable.ValueMask);
            }
            else if ((entry & FoldTable.Drop) == 0 && length != 0)
            {
                throw new InvalidOperationException($"ASCII U+{c:X4} does not fold to one ASCII character; the ASCII path would be wrong.");
            }
        }

        return table;
    }

    /// <summary>The general fold: any UTF-16, composition-aware, bounded by <paramref name="maxKeyLength"/>.</summary>
    private static int FoldGeneral(ReadOnlySpan<char> text, Span<char> destination, int maxKeyLength)
    {
        var bmp = FoldTable.Bmp;
        var written = 0;
        var stable = 0;
        var previousTail = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            uint entry;
            if (!char.IsSurrogate(c))
            {
                entry = bmp[c];
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                i++;
                if (!FoldTable.Supplementary.TryGetValue(cp, out entry))
                {
                    // Stable and composing with nothing: its key is its upper case when that is a letter or digit.
                    if (stable > maxKeyLength)
                    {
                        return -1;
                    }

                    stable = written;
                    previousTail = false;
                    var upper = Rune.ToUpperInvariant(new Rune(cp));
                    if (Rune.IsLetterOrDigit(upper))
                    {
                        written += upper.EncodeToUtf16(destination[written..]);
                    }

                    continue;
                }
            }
            else
            {
                entry = FoldTable.LoneSurrogate;
            }

            if ((entry & FoldTable.Drop) != 0)
            {
                continue;
            }

            if (previousTail && (entry & FoldTable.Head) != 0)
            {
                return FoldSlow(text, destination, maxKeyLength);
            }

            // Everything before the previous code point is final: too long already means no keyword.
            if (stable > maxKeyLength)
            {
                return -1;
            }

            stable = written;
            previousTail = (entry & FoldTable.Tail) != 0;
            var length = (int)((entry >> FoldTable.LengthShift) & FoldTable.LengthMask);
            if (length == 1)
            {
                destination[written++] = (char)(entry & FoldTable.ValueMask);
            }
            else if (length > 1)
            {
                FoldTable.Pool.AsSpan((int)(entry & FoldTable.ValueMask), length).CopyTo(destination[written..]);
                written += length;
            }
        }

        return written <= maxKeyLength ? written : -1;
    }

    /// <summary>The reference pipeline on spans and pooled buffers, for texts whose neighbours compose.</summary>
    private static int FoldSlow(ReadOnlySpan<char> text, Span<char> destination, int maxKeyLength)
    {
        var a = ArrayPool<char>.Shared.Rent(Math.Max(16, text.Length * 4));
        var b = ArrayPool<char>.Shared.Rent(a.Length);
        try
        {
            var n = text.Length;
            for (var i = 0; i < n; i++)
            {
                var c = text[i];
                var wellFormed = !char.IsSurrogate(c)
                    || (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
                    || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]));
                a[i] = wellFormed && c != FoldTable.Invalid ? c : '\uFFFD';
            }

            n = Normalize(ref a, n, ref b, NormalizationForm.FormKC);
            n = Normalize(ref a, n, ref b, NormalizationForm.FormD);
            var kept = 0;
            for (var i = 0; i < n; i++)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(a[i]) != UnicodeCategory.NonSpacingMark)
                {
                    a[kept++] = a[i];
                }
            }

            n = Normalize(ref a, kept, ref b, NormalizationForm.FormC);
            if (b.Length < n)
            {
                ArrayPool<char>.Shared.Return(b);
                b = ArrayPool<char>.Shared.Rent(n);
            }

            n = a.AsSpan(0, n).ToUpperInvariant(b);
            var written = 0;
            for (var i = 0; i < n; i++)
            {
                var c = b[i];
                var pair = char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(b[i + 1]);
                var width = pair ? 2 : 1;
                var keep = pair ? Rune.IsLetterOrDigit(new Rune(c, b[i + 1])) : char.IsLetterOrDigit(c);
                if (keep)
                {
                    if (written + width > maxKeyLength)
                    {
                        return -1;
                    }

                    destination[written++] = c;
                    if (pair)
                    {
                        destination[written++] = b[i + 1];
                    }
                }

                i += width - 1;
            }

            return written;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(a);
            ArrayPool<char>.Shared.Return(b);
        }
    }

    /// <summary>Normalises a[..n] into b, growing b if needed, then swaps so the result is in a.</summary>
    private static int Normalize(ref char[] a, int n, ref char[] b, NormalizationForm form)
    {
        if (!a.AsSpan(0, n).TryNormalize(b, out var written, form))
        {
            var needed = a.AsSpan(0, n).GetNormalizedLength(form);
            ArrayPool<char>.Shared.Return(b);
            b = ArrayPool<char>.Shared.Rent(Math.Max(needed, a.Length));
            a.AsSpan(0, n).TryNormalize(b, out written, form);
        }

        (a, b) = (b, a);
        return written;
    }
}
