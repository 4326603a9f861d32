using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Intent;

/// <summary>
/// Reasonable-means opt-out detection (DESIGN 3.5): recognises an opt-out request written in free text (English,
/// Spanish, French) or as a one-edit typo of one of the service's own opt-out keywords, for texts the keyword
/// classifier did not match. Built once per service configuration; immutable and thread-safe. Detecting allocates
/// nothing unless the text holds evidence (then only the phrase string).
/// </summary>
/// <remarks>
/// <para>A text is folded and split into words and clauses (<see cref="IntentTokenizer"/>), each word is looked
/// up once (a packed 64-bit key table for A-Z words, else the frozen dictionary) in a lexicon of the rule words,
/// the service's keywords and their one-edit typos (<see cref="IntentTypos"/>), and the few
/// words that anchor a pattern try it: "stop + texting", "remove me", "no more + messages", "je ne veux plus",
/// "dar de baja"... A pattern is cancelled by a negation just before it ("don't stop the deals", "no pares", "ne
/// pas arrêter") and by a veto pattern for the other senses it overlaps ("take me off the waitlist"). A command
/// word alone in a clause, besides politeness and emphasis ("stop please", "who gave you my number? stop",
/// "Stpo!!"), is evidence too. The score is the best evidence's, raised a little by a second independent one and
/// lowered by love for the messages ("keep them coming"). docs/intent-detection.md has the rules and their limits.</para>
/// </remarks>
public sealed class OptOutIntentDetector
{
    /// <summary>A text is flagged when its <see cref="IntentResult.Score"/> is at least this.</summary>
    public const double Threshold = 0.6;

    /// <summary>Texts up to this length are read with stack buffers only; longer ones rent pooled buffers.</summary>
    private const int StackTextLength = 320;

    private const int StackTokens = 96;
    private const int MaxEvidence = 16;
    private const int MaxVetoes = 8;

    /// <summary>A pattern that holds in a question is worth this much of its score ("no more coupons?").</summary>
    private const double QuestionFactor = 0.7;

    /// <summary>Evidence resting on a typo is worth this much of its score.</summary>
    private const double TypoFactor = 0.9;

    /// <summary>Love for the messages in the same text multiplies every score by this.</summary>
    private const double DampenerFactor = 0.55;

    /// <summary>A bare command beside laughter or delight is worth this much ("Stop, you're making me hungry 😂").</summary>
    private const double DelightFactor = 0.6;

    /// <summary>How many words before a match a negation may stand ("don't ever stop").</summary>
    private const int NegationWindow = 3;

    private readonly IntentTables _t;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private OptOutIntentDetector(IntentTables tables)
    {
        _t = tables;
        _lookup = tables.Lexicon.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Compiles a detector for a service.
    /// </summary>
    /// <param name="optOutKeywords">The service's opt-out keywords (every set's), compared by match key
    /// (<see cref="MatchKey.Compute"/>): alone in a clause they are a request, and keys of four letters or more are
    /// also recognised with one typo.</param>
    /// <param name="extraPhrases">Phrases a compliance officer added: a text holding one (by folded words, across
    /// punctuation) is flagged, with score 0.95, whatever surrounds it.</param>
    /// <param name="ignorePhrases">Phrases ruled out: evidence that overlaps one of them is dropped (other evidence
    /// in the same text still counts).</param>
    public static OptOutIntentDetector Build(IEnumerable<string> optOutKeywords, IEnumerable<string>? extraPhrases = null, IEnumerable<string>? ignorePhrases = null)
    {
        ArgumentNullException.ThrowIfNull(optOutKeywords);
        MatchKeyFolder.Warm();
        return new OptOutIntentDetector(IntentCompiler.Compile(optOutKeywords, extraPhrases, ignorePhrases));
    }

    /// <summary>Detects an opt-out request in <paramref name="text"/>; the default result (score 0) when there is no evidence.</summary>
    public IntentResult Detect(string? text) => string.IsNullOrEmpty(text) ? default : Detect(text.AsSpan());

    /// <summary>Detects an opt-out request in <paramref name="text"/>; the default result (score 0) when there is no evidence.</summary>
    [SkipLocalsInit]
    public IntentResult Detect(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return default;
        }

        if (text.Length <= StackTextLength)
        {
            // Fixed sizes keep the buffers in the frame; the tokenizer writes before anything reads (SkipLocalsInit).
            Span<char> fold = stackalloc char[StackTextLength + 64];
            Span<IntentToken> tokens = stackalloc IntentToken[StackTokens];
            var count = IntentTokenizer.Tokenize(text, fold, tokens, out var delight);
            if (count >= 0)
            {
                return Analyse(text, fold, tokens[..count], delight);
            }
        }

        return DetectPooled(text);
    }

    /// <summary>Long texts, or texts whose fold outgrew the stack buffers (ligatures, many one-letter words).</summary>
    private IntentResult DetectPooled(ReadOnlySpan<char> text)
    {
        var fold = ArrayPool<char>.Shared.Rent((text.Length * FoldTable.MaxFold) + 64);
        var tokens = ArrayPool<IntentToken>.Shared.Rent(text.Length + 8);
        try
        {
            var count = IntentTokenizer.Tokenize(text, fold, tokens, out var delight);
            return Analyse(text, fold, tokens.AsSpan(0, count), delight);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(fold);
            ArrayPool<IntentToken>.Shared.Return(tokens);
        }
    }

    [SkipLocalsInit]
    private IntentResult Analyse(ReadOnlySpan<char> text, ReadOnlySpan<char> fold, Span<IntentToken> tokens, bool delight)
    {
        if (tokens.IsEmpty)
        {
            return default;
        }

        delight |= Lookup(fold, tokens);

        var evidenceBuffer = default(EvidenceBuffer);
        Span<Evidence> evidence = evidenceBuffer;
        Span<(int Start, int End)> vetoes = stackalloc (int, int)[MaxVetoes];
        var found = 0;
        var vetoCount = 0;
        var dampened = false;
        var patterns = _t.Patterns;
        for (var i = 0; i < tokens.Length; i++)
        {
            var entry = tokens[i].Entry;
            var anchors = entry >= 0 ? _t.EntryAnchors[entry] : tokens[i].Row == _t.MaskedRow ? _t.MaskedAnchors : null;
            if (anchors is null)
            {
                continue;
            }

            foreach (var p in anchors)
            {
                var pattern = patterns[p];
                if (!TryMatch(pattern, tokens, i, out var start, out var end))
                {
                    continue;
                }

                switch (pattern.Kind)
                {
                    case IntentPatternKind.Veto:
                        // A negatable veto ("je veux plus de promos": more) does not hold when negated ("je ne veux plus de").
                        if (vetoCount < MaxVetoes && (pattern.NegationSlot < 0 || !IsNegated(tokens, start, pattern.NegationSlot)))
                        {
                            vetoes[vetoCount++] = (start, end);
                        }

                        break;
                    case IntentPatternKind.Delight:
                        delight |= pattern.NegationSlot < 0 || !IsNegated(tokens, start, pattern.NegationSlot);
                        break;
                    case IntentPatternKind.Dampener:
                        // "no me sigan mandando mensajes" is no love for the messages.
                        dampened |= pattern.NegationSlot < 0 || !IsNegated(tokens, start, pattern.NegationSlot);
                        break;
                    default:
                        if (pattern.NegationSlot >= 0 && IsNegated(tokens, start, pattern.NegationSlot))
                        {
                            break;
                        }

                        var score = pattern.Score;
                        if (pattern.QuestionPenalty && (tokens[i].Flags & IntentTokenFlags.Question) != 0)
                        {
                            score *= QuestionFactor;
                        }

                        var reason = pattern.Reason;
                        for (var k = start; k <= end; k++)
                        {
                            if ((tokens[k].Flags & IntentTokenFlags.Typo) != 0)
                            {
                                score *= TypoFactor;
                                if ((_t.RowFlags[tokens[k].Row] & IntentRowFlags.Keyword) != 0)
                                {
                                    reason = _t.EntryTypoOf[tokens[k].Entry]!;
                                }

                                break;
                            }
                        }

                        Add(evidence, ref found, new Evidence(score, start, end, pattern.Language ?? VoteLanguage(tokens, start, end) ?? "en", reason, pattern.Bare));
                        break;
                }
            }
        }

        FindCommandsAlone(tokens, fold, evidence, ref found);
        return Combine(text, tokens, evidence[..found], vetoes[..vetoCount], dampened, delight);
    }

    /// <summary>Each word to its lexicon entry and row; a masked word to the masked row. True when a word laughs ("lol").</summary>
    [SkipLocalsInit]
    private bool Lookup(ReadOnlySpan<char> fold, Span<IntentToken> tokens)
    {
        var joy = false;
        Span<char> collapsed = stackalloc char[64];
        var maxLength = _t.MaxKeyLength;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref var token = ref tokens[i];
            if ((token.Flags & IntentTokenFlags.Masked) != 0)
            {
                token.Row = _t.MaskedRow;
                continue;
            }

            if (token.FoldLength > maxLength + 2)
            {
                continue;
            }

            var word = fold.Slice(token.FoldStart, token.FoldLength);
            int entry;
            if (token.Packed != 0)
            {
                entry = _t.Packed.Find(token.Packed);
            }
            else if (!_lookup.TryGetValue(word, out entry))
            {
                entry = -1;
            }

            if (entry < 0)
            {
                // "stoooop" folded to STOOP (a typo entry already); "pleeeease" to PLEEASE: collapse every
                // doubled letter once more and try again.
                if ((token.Flags & IntentTokenFlags.Elongated) == 0 || word.Length > collapsed.Length)
                {
                    continue;
                }

                var n = 0;
                for (var k = 0; k < word.Length; k++)
                {
                    if (n == 0 || collapsed[n - 1] != word[k])
                    {
                        collapsed[n++] = word[k];
                    }
                }

                if (!TryFind(collapsed[..n], out entry))
                {
                    continue;
                }
            }

            token.Entry = entry;
            token.Row = _t.EntryRow[entry];
            joy |= (_t.RowFlags[token.Row] & IntentRowFlags.Joy) != 0;
            if (_t.EntryTypoOf[entry] is not null)
            {
                token.Flags |= IntentTokenFlags.Typo;
            }
        }

        return joy;
    }

    /// <summary>
    /// A command word or keyword that is all its clause says, besides fillers ("stop please", "Stpo!!", "who gave
    /// you my number? stop", "opt out"). Up to three words are joined and looked up, so multi-word keywords
    /// ("opt out", "stop all", "dar de baja") and their typos count too.
    /// </summary>
    [SkipLocalsInit]
    private void FindCommandsAlone(ReadOnlySpan<IntentToken> tokens, ReadOnlySpan<char> fold, Span<Evidence> evidence, ref int found)
    {
        var flags = _t.RowFlags;
        var clausesWithContent = 0;
        for (var c = 0; c < tokens.Length; c = tokens[c].ClauseEnd)
        {
            for (var k = c; k < tokens[c].ClauseEnd; k++)
            {
                if ((flags[tokens[k].Row] & IntentRowFlags.Filler) == 0)
                {
                    clausesWithContent++;
                    break;
                }
            }
        }

        Span<char> joined = stackalloc char[64];
        for (var c = 0; c < tokens.Length; c = tokens[c].ClauseEnd)
        {
            var a = c;
            var b = tokens[c].ClauseEnd - 1;
            while (a <= b && (flags[tokens[a].Row] & IntentRowFlags.Filler) != 0)
            {
                a++;
            }

            while (b >= a && (flags[tokens[b].Row] & IntentRowFlags.Filler) != 0)
            {
                b--;
            }

            if (a > b)
            {
                continue;
            }

            // "stop stop stop" is one command.
            var entry = tokens[a].Entry;
            var same = entry >= 0;
            for (var k = a + 1; k <= b && same; k++)
            {
                same = tokens[k].Entry == entry;
            }

            if (!same && b - a >= 3)
            {
                continue;
            }

            if (!same)
            {
                var n = 0;
                for (var k = a; k <= b && n >= 0; k++)
                {
                    var word = fold.Slice(tokens[k].FoldStart, tokens[k].FoldLength);
                    if ((tokens[k].Flags & IntentTokenFlags.Masked) != 0 || n + word.Length > joined.Length)
                    {
                        n = -1;
                        break;
                    }

                    word.CopyTo(joined[n..]);
                    n += word.Length;
                }

                // "stopstop" is one command too.
                while (n > 0 && n % 2 == 0 && joined[..(n / 2)].SequenceEqual(joined[(n / 2)..n]))
                {
                    n /= 2;
                }

                if (n <= 0 || !TryFind(joined[..n], out entry))
                {
                    continue;
                }
            }

            var row = _t.EntryRow[entry];
            var rowFlags = flags[row];
            if ((rowFlags & (IntentRowFlags.CommandStrong | IntentRowFlags.CommandMedium | IntentRowFlags.Keyword)) == 0)
            {
                continue;
            }

            // The service's keywords count as explicit, except the ones that have everyday senses (CANCEL, END, QUIT).
            var strong = (rowFlags & IntentRowFlags.CommandStrong) != 0
                || ((rowFlags & IntentRowFlags.Keyword) != 0 && (rowFlags & IntentRowFlags.CommandMedium) == 0);
            var alone = clausesWithContent <= 1;
            var score = strong ? (alone ? 0.9 : 0.85) : (alone ? 0.8 : 0.55);
            if ((tokens[a].Flags & IntentTokenFlags.Question) != 0)
            {
                score *= QuestionFactor;
            }

            var reason = _t.EntryTypoOf[entry];
            if (reason is not null)
            {
                score *= TypoFactor;
            }

            var language = SingleLanguage(_t.RowLanguage[row]) ?? VoteLanguage(tokens, tokens[c].ClauseStart, tokens[c].ClauseEnd - 1)
                ?? VoteLanguage(tokens, 0, tokens.Length - 1) ?? "en";
            Add(evidence, ref found, new Evidence(score, a, b, language, reason ?? _t.RowCommandReason[row]!, bare: true));
        }
    }

    private IntentResult Combine(
        ReadOnlySpan<char> text,
        ReadOnlySpan<IntentToken> tokens,
        Span<Evidence> evidence,
        ReadOnlySpan<(int Start, int End)> vetoes,
        bool dampened,
        bool delight)
    {
        var best = -1;
        for (var e = 0; e < evidence.Length; e++)
        {
            if (IsRebutted(tokens, evidence[e].Start))
            {
                evidence[e].Score = 0;
            }

            if (delight && evidence[e].Bare)
            {
                evidence[e].Score *= DelightFactor;
            }

            foreach (var (start, end) in vetoes)
            {
                if (evidence[e].Start <= end && start <= evidence[e].End)
                {
                    evidence[e].Score = 0;
                    break;
                }
            }

            if (evidence[e].Score > 0 && (best < 0 || evidence[e].Score > evidence[best].Score))
            {
                best = e;
            }
        }

        if (best < 0)
        {
            return default;
        }

        // A second piece of evidence that does not overlap the best raises the score halfway to its own weight.
        var top = evidence[best];
        var second = 0.0;
        foreach (var e in evidence)
        {
            if ((e.End < top.Start || e.Start > top.End) && e.Score > second)
            {
                second = e.Score;
            }
        }

        var score = top.Score + ((1 - top.Score) * second * 0.5);
        if (dampened)
        {
            score *= DampenerFactor;
        }

        score = Math.Round(Math.Min(score, 1), 3);
        var phraseStart = tokens[top.Start].SourceStart;
        var phrase = text[phraseStart..tokens[top.End].SourceEnd].ToString();
        return new IntentResult(score, phrase, phraseStart, top.Language, top.Reason);
    }

    /// <summary>
    /// Evidence in a question that the next clause answers with "no" or "never" alone ("unsubscribe? never!",
    /// "unsubscribe my friend? no, I love these").
    /// </summary>
    private bool IsRebutted(ReadOnlySpan<IntentToken> tokens, int start)
    {
        if ((tokens[start].Flags & IntentTokenFlags.Question) == 0)
        {
            return false;
        }

        var next = tokens[start].ClauseEnd;
        if (next >= tokens.Length)
        {
            return false;
        }

        var rebuttal = false;
        for (var k = next; k < tokens[next].ClauseEnd; k++)
        {
            if (InSlot(tokens[k], _t.RebuttalSlot))
            {
                rebuttal = true;
            }
            else if ((_t.RowFlags[tokens[k].Row] & IntentRowFlags.Filler) == 0)
            {
                return false;
            }
        }

        return rebuttal;
    }

    private static void Add(Span<Evidence> evidence, ref int found, Evidence item)
    {
        if (found < evidence.Length)
        {
            evidence[found++] = item;
            return;
        }

        // Full (a long rant): keep the strongest.
        var weakest = 0;
        for (var e = 1; e < evidence.Length; e++)
        {
            if (evidence[e].Score < evidence[weakest].Score)
            {
                weakest = e;
            }
        }

        if (item.Score > evidence[weakest].Score)
        {
            evidence[weakest] = item;
        }
    }

    /// <summary>
    /// A negation of the pattern's language up to three words before it, in its clause, cancels it ("can't stop
    /// smiling", "no pares de", "ne pas arrêter"); unless a barrier stands between ("why don't YOU stop texting
    /// me") or the negation follows "why" ("¿por qué no dejan de escribirme?").
    /// </summary>
    private bool IsNegated(ReadOnlySpan<IntentToken> tokens, int start, int negationSlot)
    {
        var clauseStart = tokens[start].ClauseStart;
        for (var k = start - 1; k >= clauseStart && k >= start - NegationWindow; k--)
        {
            if (InSlot(tokens[k], _t.NegationBarrierSlot))
            {
                return false;
            }

            if (InSlot(tokens[k], negationSlot))
            {
                var why = (k - 1 >= clauseStart && InSlot(tokens[k - 1], _t.WhySlot))
                    || (k - 2 >= clauseStart && InSlot(tokens[k - 2], _t.WhySlot))
                    || (k - 2 >= clauseStart && InSlot(tokens[k - 2], _t.PorSlot) && InSlot(tokens[k - 1], _t.QueSlot));
                return !why;
            }
        }

        return false;
    }

    private bool TryMatch(IntentPattern pattern, ReadOnlySpan<IntentToken> tokens, int anchor, out int start, out int end)
    {
        int clauseStart, clauseEnd;
        if (pattern.CrossClause)
        {
            clauseStart = 0;
            clauseEnd = tokens.Length;
        }
        else
        {
            clauseStart = tokens[anchor].ClauseStart;
            clauseEnd = tokens[anchor].ClauseEnd;
        }

        var elements = pattern.Elements;
        start = anchor;
        end = anchor;
        return Matches(elements[pattern.Anchor], tokens[anchor])
            && Forward(elements, pattern.Anchor + 1, tokens, anchor + 1, clauseEnd, ref end)
            && Backward(elements, pattern.Anchor - 1, tokens, anchor - 1, clauseStart, ref start);
    }

    /// <summary>Elements after the anchor, left to right, with backtracking over optional and repeated slots.</summary>
    private bool Forward(IntentElement[] elements, int e, ReadOnlySpan<IntentToken> tokens, int t, int clauseEnd, ref int last)
    {
        if (e == elements.Length)
        {
            return true;
        }

        var element = elements[e];
        switch (element.Kind)
        {
            case IntentElementKind.End:
                return t == clauseEnd && Forward(elements, e + 1, tokens, t, clauseEnd, ref last);
            case IntentElementKind.Start:
                return false;
            case IntentElementKind.Not:
                return (t >= clauseEnd || !Matches(element, tokens[t])) && Forward(elements, e + 1, tokens, t, clauseEnd, ref last);
            case IntentElementKind.SlotOrEnd:
                if (t == clauseEnd)
                {
                    return Forward(elements, e + 1, tokens, t, clauseEnd, ref last);
                }

                if (!Matches(element, tokens[t]))
                {
                    return false;
                }

                var consumed = t;
                if (!Forward(elements, e + 1, tokens, t + 1, clauseEnd, ref consumed))
                {
                    return false;
                }

                last = consumed;
                return true;
        }

        var k = 0;
        while (k < element.Max && t + k < clauseEnd && Matches(element, tokens[t + k]))
        {
            k++;
        }

        for (var n = k; n >= element.Min; n--)
        {
            var l = n > 0 ? t + n - 1 : last;
            if (Forward(elements, e + 1, tokens, t + n, clauseEnd, ref l))
            {
                last = l;
                return true;
            }
        }

        return false;
    }

    /// <summary>Elements before the anchor, right to left.</summary>
    private bool Backward(IntentElement[] elements, int e, ReadOnlySpan<IntentToken> tokens, int t, int clauseStart, ref int first)
    {
        if (e < 0)
        {
            return true;
        }

        var element = elements[e];
        switch (element.Kind)
        {
            case IntentElementKind.Start:
                return t < clauseStart && Backward(elements, e - 1, tokens, t, clauseStart, ref first);
            case IntentElementKind.End:
                return false;
            case IntentElementKind.Not:
                return (t < clauseStart || !Matches(element, tokens[t])) && Backward(elements, e - 1, tokens, t, clauseStart, ref first);
            case IntentElementKind.SlotOrEnd:
                return false;
        }

        var k = 0;
        while (k < element.Max && t - k >= clauseStart && Matches(element, tokens[t - k]))
        {
            k++;
        }

        for (var n = k; n >= element.Min; n--)
        {
            var f = n > 0 ? t - n + 1 : first;
            if (Backward(elements, e - 1, tokens, t - n, clauseStart, ref f))
            {
                first = f;
                return true;
            }
        }

        return false;
    }

    private bool TryFind(ReadOnlySpan<char> word, out int entry)
    {
        if (IntentPackedTable.TryPack(word, out var key))
        {
            entry = _t.Packed.Find(key);
            return entry >= 0;
        }

        return _lookup.TryGetValue(word, out entry);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(IntentElement element, in IntentToken token) => element.Kind switch
    {
        IntentElementKind.Slot or IntentElementKind.Not or IntentElementKind.SlotOrEnd => InSlot(token, element.Value),
        IntentElementKind.Entry => token.Entry == element.Value,
        _ => true,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool InSlot(in IntentToken token, int slot) =>
        (_t.Rows[(token.Row * _t.RowWords) + (slot >> 6)] & (1UL << (slot & 63))) != 0;

    /// <summary>The language most words of the span belong to alone; null when none does.</summary>
    private string? VoteLanguage(ReadOnlySpan<IntentToken> tokens, int start, int end)
    {
        int en = 0, es = 0, fr = 0;
        for (var k = start; k <= end; k++)
        {
            switch (_t.RowLanguage[tokens[k].Row])
            {
                case IntentTables.English:
                    en++;
                    break;
                case IntentTables.Spanish:
                    es++;
                    break;
                case IntentTables.French:
                    fr++;
                    break;
            }
        }

        if (en + es + fr == 0)
        {
            return null;
        }

        return es > en && es >= fr ? "es" : fr > en && fr > es ? "fr" : "en";
    }

    private static string? SingleLanguage(byte bits) => bits switch
    {
        IntentTables.English => "en",
        IntentTables.Spanish => "es",
        IntentTables.French => "fr",
        _ => null,
    };

    /// <summary>Room for the evidence of one text, on the stack.</summary>
    [InlineArray(MaxEvidence)]
    private struct EvidenceBuffer
    {
        private Evidence _first;
    }

    private struct Evidence(double score, int start, int end, string language, string reason, bool bare)
    {
        public readonly bool Bare = bare;
        public double Score = score;
        public readonly int Start = start;
        public readonly int End = end;
        public readonly string Language = language;
        public readonly string Reason = reason;
    }
}
