using System.Globalization;
using System.Text;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Intent;

/// <summary>
/// Splits a text into folded words and clauses in one pass, into caller buffers (no allocation). A word is folded
/// character by character with the table behind <see cref="MatchKey"/> (accents dropped, upper case), so a word's
/// fold equals the match key of the word alone and keywords compare the same way the classifier compares them.
/// </summary>
/// <remarks>
/// Apostrophes join English contractions ("don't" is DONT, "I'm" is IM) and split French elisions ("m'écrire" is
/// M ECRIRE, "l'arrêt" is L ARRET), because the detector's phrases are written that way. A letter repeated three
/// or more times is kept twice ("stoooop" is STOOP, a one-edit typo of STOP; "pleeease" is PLEEASE, which the
/// lookup collapses further). Asterisks inside a word are kept ("f***ing") so that a masked swear word stays one
/// word. Clauses end at . ! ? ; : , line breaks, brackets, dashes and emoji; a clause is a question when it ends
/// with ? or starts with ¿.
/// </remarks>
internal static class IntentTokenizer
{
    private const byte Separator = 0;
    private const byte Lower = 1;
    private const byte Upper = 2;
    private const byte Digit = 3;
    private const byte Apostrophe = 4;
    private const byte Star = 5;
    private const byte Break = 6;
    private const byte QuestionEnd = 7;
    private const byte QuestionStart = 8;

    /// <summary>'#' is a word of its own or part of one ("wrong #", "my #"): people write it for "number".</summary>
    private const byte Hash = 9;

    /// <summary><see cref="TokenizeAscii"/> leaves the text to the general tokenizer.</summary>
    private const int NotHandled = -2;

    private static readonly byte[] AsciiKinds = BuildAsciiKinds();

    /// <summary>
    /// Tokenizes <paramref name="text"/>; returns the number of tokens, or -1 when <paramref name="fold"/> or
    /// <paramref name="tokens"/> is too small (the caller retries with bigger buffers).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="fold">Receives the folded words.</param>
    /// <param name="tokens">Receives the words.</param>
    /// <param name="delight">Set when the text holds a laughing, loving or yummy emoji (😂 😍 ❤ 😋...).</param>
    public static int Tokenize(ReadOnlySpan<char> text, Span<char> fold, Span<IntentToken> tokens, out bool delight)
    {
        if (Ascii.IsValid(text))
        {
            delight = false;
            var count = TokenizeAscii(text, fold, tokens);
            if (count != NotHandled)
            {
                return count;
            }
        }

        return TokenizeGeneral(text, fold, tokens, out delight);
    }

    /// <summary>The general tokenizer: any UTF-16. <see cref="Tokenize"/> uses it for texts that are not plain ASCII.</summary>
    internal static int TokenizeGeneral(ReadOnlySpan<char> text, Span<char> fold, Span<IntentToken> tokens, out bool delight)
    {
        delight = false;
        var state = new State { ClauseStart = 0, TokenStart = -1 };
        var kinds = AsciiKinds;
        var bmp = FoldTable.Bmp;
        Span<char> pair = stackalloc char[2];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            byte kind;
            if (c < 128)
            {
                kind = kinds[c];
                if (kind <= Upper)
                {
                    if (kind != Separator)
                    {
                        // The hot path: a run of ASCII letters, folded, checked for long runs and packed, in locals.
                        if (state.TokenStart < 0)
                        {
                            Start(ref state, i);
                        }

                        var written = state.Written;
                        var tokenStart = state.TokenStart;
                        var packed = state.Packed;
                        var elongated = false;
                        var j = i;
                        while (true)
                        {
                            var f = kind == Lower ? (char)(c - 32) : c;
                            if (written - tokenStart >= 2 && fold[written - 1] == f && fold[written - 2] == f)
                            {
                                elongated = true;
                            }
                            else
                            {
                                if ((uint)written >= (uint)fold.Length)
                                {
                                    return -1;
                                }

                                fold[written++] = f;
                                packed = (packed << 5) | (uint)(f - '@');
                            }

                            if (++j >= text.Length)
                            {
                                break;
                            }

                            c = text[j];
                            if (c >= 128)
                            {
                                break;
                            }

                            kind = kinds[c];
                            if (kind is not (Lower or Upper))
                            {
                                break;
                            }
                        }

                        state.Written = written;
                        state.Packed = packed;
                        state.SourceEnd = j;
                        if (elongated)
                        {
                            state.Flags |= IntentTokenFlags.Elongated;
                        }

                        i = j - 1;
                        continue;
                    }
                }
                else if (kind is Digit or Hash)
                {
                    if (!Append(ref state, fold, c, i, i + 1))
                    {
                        return -1;
                    }

                    continue;
                }
            }
            else if (c is '\u2019' or '\u2018' or '\u02BC' or '\u00B4')
            {
                kind = Apostrophe;
            }
            else if (!char.IsSurrogate(c))
            {
                var entry = bmp[c];
                if ((entry & FoldTable.Drop) != 0)
                {
                    // A combining mark: it belongs to the letter before it and adds nothing.
                    if (state.TokenStart >= 0)
                    {
                        state.SourceEnd = i + 1;
                    }

                    continue;
                }

                var length = (int)((entry >> FoldTable.LengthShift) & FoldTable.LengthMask);
                if (length > 0)
                {
                    if (!AppendFold(ref state, fold, entry, length, i, i + 1))
                    {
                        return -1;
                    }

                    continue;
                }

                kind = KindOfNonLetter(c);
                delight |= c is '\u2764' or '\u2665' or '\u263A';
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                if (FoldTable.Supplementary.TryGetValue(cp, out var entry))
                {
                    var length = (int)((entry >> FoldTable.LengthShift) & FoldTable.LengthMask);
                    if ((entry & FoldTable.Drop) == 0 && length > 0)
                    {
                        if (!AppendFold(ref state, fold, entry, length, i, i + 2))
                        {
                            return -1;
                        }

                        i++;
                        continue;
                    }
                }

                var upper = Rune.ToUpperInvariant(new Rune(cp));
                if (Rune.IsLetterOrDigit(upper))
                {
                    var n = upper.EncodeToUtf16(pair);
                    for (var k = 0; k < n; k++)
                    {
                        if (!Append(ref state, fold, pair[k], i, i + 2, checkRun: false))
                        {
                            return -1;
                        }
                    }

                    i++;
                    continue;
                }

                // Emoji and other symbols end a clause ("STOP 😡 I never signed up"); skin tones and flags too.
                kind = Rune.GetUnicodeCategory(new Rune(cp)) == UnicodeCategory.OtherSymbol ? Break : Separator;
                delight |= IsDelight(cp);
                i++;
            }
            else
            {
                kind = Separator;
            }

            switch (kind)
            {
                case Apostrophe:
                    if (state.TokenStart >= 0 && JoinsContraction(text, i + 1))
                    {
                        state.SourceEnd = i + 1;
                        continue;
                    }

                    if (!CloseToken(ref state, fold, tokens))
                    {
                        return -1;
                    }

                    break;
                case Star:
                    if (state.TokenStart >= 0)
                    {
                        if (!Append(ref state, fold, '*', i, i + 1, checkRun: false))
                        {
                            return -1;
                        }

                        state.Stars++;
                        continue;
                    }

                    break;
                case Break:
                case QuestionEnd:
                case QuestionStart:
                    if (!CloseClause(ref state, fold, tokens, kind == QuestionEnd))
                    {
                        return -1;
                    }

                    state.QuestionStarted = kind == QuestionStart;
                    break;
                default:
                    if (state.TokenStart >= 0 && !CloseToken(ref state, fold, tokens))
                    {
                        return -1;
                    }

                    break;
            }
        }

        return CloseClause(ref state, fold, tokens, question: false) ? state.Count : -1;
    }

    /// <summary>
    /// Most texts are plain ASCII: the same reading as <see cref="TokenizeGeneral"/> in a loop small enough to stay
    /// in registers (a letter folds by clearing one bit). A masked word ("f***") is left to the general tokenizer
    /// (returns <see cref="NotHandled"/>).
    /// </summary>
    private static int TokenizeAscii(ReadOnlySpan<char> text, Span<char> fold, Span<IntentToken> tokens)
    {
        var kinds = AsciiKinds;
        var n = text.Length;
        int written = 0, count = 0, clauseStart = 0, i = 0;
        while (i < n)
        {
            var c = text[i];
            var kind = kinds[c];
            if (kind is Lower or Upper or Digit or Hash)
            {
                var sourceStart = i;
                var foldStart = written;
                ulong packed = 0;
                var packable = true;
                var flags = IntentTokenFlags.None;
                while (true)
                {
                    if (kind is Lower or Upper)
                    {
                        var f = (char)(c & ~0x20);
                        if (written - foldStart >= 2 && fold[written - 1] == f && fold[written - 2] == f)
                        {
                            flags |= IntentTokenFlags.Elongated;
                        }
                        else
                        {
                            if ((uint)written >= (uint)fold.Length)
                            {
                                return -1;
                            }

                            fold[written++] = f;
                            packed = (packed << 5) | (uint)(f - '@');
                        }
                    }
                    else if (kind is Digit or Hash)
                    {
                        if ((uint)written >= (uint)fold.Length)
                        {
                            return -1;
                        }

                        fold[written++] = c;
                        packable = false;
                    }
                    else if (kind == Apostrophe && JoinsContraction(text, i + 1))
                    {
                        // "don't": the apostrophe is part of the word.
                    }
                    else if (kind == Star)
                    {
                        return NotHandled;
                    }
                    else
                    {
                        break;
                    }

                    if (++i == n)
                    {
                        break;
                    }

                    c = text[i];
                    kind = kinds[c];
                }

                if ((uint)count >= (uint)tokens.Length)
                {
                    return -1;
                }

                var length = written - foldStart;
                ref var token = ref tokens[count++];
                token.FoldStart = foldStart;
                token.FoldLength = length;
                token.SourceStart = sourceStart;
                token.SourceEnd = i;
                token.Entry = -1;
                token.Row = 0;
                token.Packed = packable && length <= IntentPackedTable.MaxLength ? packed : 0;
                token.Flags = flags;
                if (i == n)
                {
                    break;
                }
            }

            if (kind is Break or QuestionEnd)
            {
                CloseAsciiClause(tokens, clauseStart, count, kind == QuestionEnd);
                clauseStart = count;
            }

            i++;
        }

        CloseAsciiClause(tokens, clauseStart, count, question: false);
        return count;
    }

    private static void CloseAsciiClause(Span<IntentToken> tokens, int start, int end, bool question)
    {
        for (var t = start; t < end; t++)
        {
            ref var token = ref tokens[t];
            token.ClauseStart = start;
            token.ClauseEnd = end;
            if (question)
            {
                token.Flags |= IntentTokenFlags.Question;
            }
        }
    }

    /// <summary>The English contraction endings that join: n't, 's, 'm, 'd, 're, 'll, 've. Anything else splits.</summary>
    private static bool JoinsContraction(ReadOnlySpan<char> text, int at)
    {
        var n = 0;
        Span<char> tail = stackalloc char[3];
        while (at + n < text.Length && n < 3 && char.IsAsciiLetter(text[at + n]))
        {
            tail[n] = char.ToUpperInvariant(text[at + n]);
            n++;
        }

        if (n == 0 || n == 3 || (at + n < text.Length && char.IsLetter(text[at + n])))
        {
            return false;
        }

        var t = tail[..n];
        return t is "T" or "S" or "M" or "D" or "RE" or "LL" or "VE";
    }

    /// <summary>Laughing, loving, yummy and delighted faces and hearts.</summary>
    private static bool IsDelight(int cp) => cp is
        0x1F602 or 0x1F923 or 0x1F606 or 0x1F605 or 0x1F60D or 0x1F970 or 0x1F60B or 0x1F601 or 0x1F604 or 0x1F603
        or 0x1F60A or 0x1F929 or 0x1F924 or 0x1F64C or 0x1F618 or 0x1F63B or (>= 0x1F493 and <= 0x1F49F)
        or 0x1F9E1 or 0x1F90D or 0x1F90E or 0x1F5A4;

    private static byte KindOfNonLetter(char c)
    {
        switch (c)
        {
            case '¿':
                return QuestionStart;
            case '¡':
                return Break;
            case '？':
                return QuestionEnd;
            case '…':
            case '–':
            case '—':
            case '。':
            case '！':
            case '\u2028':
            case '\u2029':
            case '\u0085':
                return Break;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol ? Break : Separator;
    }

    private static bool AppendFold(ref State state, Span<char> fold, uint entry, int length, int sourceStart, int sourceEnd)
    {
        if (length == 1)
        {
            return Append(ref state, fold, (char)(entry & FoldTable.ValueMask), sourceStart, sourceEnd);
        }

        var pool = FoldTable.Pool.AsSpan((int)(entry & FoldTable.ValueMask), length);
        foreach (var f in pool)
        {
            if (!Append(ref state, fold, f, sourceStart, sourceEnd, checkRun: false))
            {
                return false;
            }
        }

        return true;
    }

    private static void Start(ref State state, int sourceStart)
    {
        state.TokenStart = state.Written;
        state.SourceStart = sourceStart;
        state.Flags = IntentTokenFlags.None;
        state.Stars = 0;
        state.Packed = 0;
        state.Unpackable = false;
    }

    /// <summary>Any character but an ASCII letter (those take the inlined path): the word is no longer packable.</summary>
    private static bool Append(ref State state, Span<char> fold, char c, int sourceStart, int sourceEnd, bool checkRun = true)
    {
        if (state.TokenStart < 0)
        {
            Start(ref state, sourceStart);
        }
        else if (checkRun
            && state.Written - state.TokenStart >= 2
            && fold[state.Written - 1] == c
            && fold[state.Written - 2] == c
            && char.IsLetter(c))
        {
            state.Flags |= IntentTokenFlags.Elongated;
            state.SourceEnd = sourceEnd;
            return true;
        }

        if (state.Written == fold.Length)
        {
            return false;
        }

        fold[state.Written++] = c;
        state.SourceEnd = sourceEnd;
        if (c is >= 'A' and <= 'Z')
        {
            state.Packed = (state.Packed << 5) | (uint)(c - '@');
        }
        else
        {
            state.Unpackable = true;
        }

        return true;
    }

    private static bool CloseToken(ref State state, Span<char> fold, Span<IntentToken> tokens)
    {
        if (state.TokenStart < 0)
        {
            return true;
        }

        var start = state.TokenStart;
        var length = state.Written - start;
        var sourceEnd = state.SourceEnd;
        if (state.Stars > 0)
        {
            // Trailing stars are emphasis ("STOP**"), unless one letter stands before them ("f***").
            var trailing = 0;
            while (trailing < length && fold[start + length - 1 - trailing] == '*')
            {
                trailing++;
            }

            if (trailing > 0 && length - trailing > 1)
            {
                length -= trailing;
                sourceEnd -= trailing;
                state.Written -= trailing;
                state.Stars -= trailing;
            }

            if (state.Stars > 0)
            {
                state.Flags |= IntentTokenFlags.Masked;
            }
        }

        state.TokenStart = -1;
        if (length == 0)
        {
            return true;
        }

        if (state.Count == tokens.Length)
        {
            return false;
        }

        ref var token = ref tokens[state.Count++];
        token.FoldStart = start;
        token.FoldLength = length;
        token.SourceStart = state.SourceStart;
        token.SourceEnd = sourceEnd;
        token.Entry = -1;
        token.Row = 0;
        token.Packed = state.Unpackable || state.Stars > 0 || length > IntentPackedTable.MaxLength ? 0 : state.Packed;
        token.Flags = state.Flags;
        return true;
    }

    private static bool CloseClause(ref State state, Span<char> fold, Span<IntentToken> tokens, bool question)
    {
        if (!CloseToken(ref state, fold, tokens))
        {
            return false;
        }

        question |= state.QuestionStarted;
        for (var t = state.ClauseStart; t < state.Count; t++)
        {
            ref var token = ref tokens[t];
            token.ClauseStart = state.ClauseStart;
            token.ClauseEnd = state.Count;
            if (question)
            {
                token.Flags |= IntentTokenFlags.Question;
            }
        }

        if (state.Count > state.ClauseStart)
        {
            state.QuestionStarted = false;
        }

        state.ClauseStart = state.Count;
        return true;
    }

    private static byte[] BuildAsciiKinds()
    {
        var kinds = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            kinds[c] = Lower;
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            kinds[c] = Upper;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            kinds[c] = Digit;
        }

        kinds['\''] = Apostrophe;
        kinds['`'] = Apostrophe;
        kinds['*'] = Star;
        kinds['#'] = Hash;
        foreach (var c in ".!;:,()[]{}|\n\r\u000B\u000C")
        {
            kinds[c] = Break;
        }

        kinds['?'] = QuestionEnd;
        return kinds;
    }

    private struct State
    {
        public int Written;
        public int Count;
        public int TokenStart;
        public int SourceStart;
        public int SourceEnd;
        public int Stars;
        public ulong Packed;
        public bool Unpackable;
        public int ClauseStart;
        public bool QuestionStarted;
        public IntentTokenFlags Flags;
    }
}
