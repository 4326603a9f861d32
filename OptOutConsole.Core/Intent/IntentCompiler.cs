using System.Collections.Frozen;
using System.Globalization;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Intent;

/// <summary>
/// Compiles <see cref="IntentGrammar"/>, a service's opt-out keywords and its extra and ignored phrases into
/// <see cref="IntentTables"/>. Runs once per <see cref="OptOutIntentDetector.Build"/> (a few tens of milliseconds);
/// nothing here runs per message.
/// </summary>
internal static class IntentCompiler
{
    /// <summary>The reason of an extra phrase's evidence.</summary>
    public const string ExtraPhraseReason = "extra phrase";

    /// <summary>The score of an extra phrase: flagged wherever it appears, negation or not.</summary>
    public const double ExtraPhraseScore = 0.95;

    private const string MaskedWord = "*";

    // The typo variants of the grammar's tolerant words are the same for every service: made once.
    private static readonly Lazy<(string Variant, string Source, bool Doubling)[]> TolerantVariants = new(() =>
        IntentTypos.TolerantWords.SelectMany(w => IntentTypos.Variants(w).Select(v => (v.Variant, w, v.Doubling))).ToArray());

    private static readonly Lazy<HashSet<string>> NeverTypos = new(IntentTypos.NeverTypos);

    private static readonly int[] NoAnchors = [];

    public static IntentTables Compile(IEnumerable<string> optOutKeywords, IEnumerable<string>? extraPhrases, IEnumerable<string>? ignorePhrases)
    {
        var builder = new Builder();
        builder.AddClasses(IntentGrammar.Classes);
        builder.AddKeywords(optOutKeywords);
        foreach (var line in IntentGrammar.Patterns)
        {
            builder.AddPattern(line);
        }

        return builder.Finish(extraPhrases ?? [], ignorePhrases ?? []);
    }

    private static byte LanguageBits(string language) => language switch
    {
        "en" => IntentTables.English,
        "es" => IntentTables.Spanish,
        "fr" => IntentTables.French,
        "*" => 0,
        _ => language.Split(',').Aggregate((byte)0, (bits, l) => (byte)(bits | LanguageBits(l))),
    };

    private sealed class Builder
    {
        private readonly Dictionary<string, int> _rowOf = new(StringComparer.Ordinal) { [string.Empty] = 0 };
        private readonly List<string> _rowWord = [string.Empty];
        private readonly List<byte> _rowLanguage = [0];
        private readonly List<IntentRowFlags> _rowFlags = [IntentRowFlags.None];
        private readonly Dictionary<string, List<int>> _classRows = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
        private readonly List<int[]> _slotRows = [];
        private readonly List<(IntentPattern Pattern, int[] AnchorRows)> _patterns = [];
        private readonly List<string> _keywordKeys = [];

        public void AddClasses(IEnumerable<string> lines)
        {
            foreach (var line in lines)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var head = line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = head[0];
                var language = LanguageBits(head[1]);
                var flags = name switch
                {
                    "cmd_strong" => IntentRowFlags.CommandStrong,
                    "cmd_medium" => IntentRowFlags.CommandMedium,
                    "cmdfill" or "fill" or "masked" => IntentRowFlags.Filler,
                    "joy" => IntentRowFlags.Joy,
                    _ => IntentRowFlags.None,
                };

                var words = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                if (name is "masked" or "fill")
                {
                    words.Add(MaskedWord);
                }

                if (!_classRows.TryGetValue(name, out var rows))
                {
                    _classRows[name] = rows = [];
                }

                foreach (var word in words)
                {
                    var row = Row(word);
                    _rowLanguage[row] |= language;
                    _rowFlags[row] |= flags;
                    rows.Add(row);
                }
            }
        }

        public void AddKeywords(IEnumerable<string> keywords)
        {
            foreach (var keyword in keywords)
            {
                var key = MatchKey.Compute(keyword);
                if (key.Length == 0 || _keywordKeys.Contains(key))
                {
                    continue;
                }

                _keywordKeys.Add(key);
                _rowFlags[Row(key)] |= IntentRowFlags.Keyword;
            }
        }

        public void AddPattern(string line)
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            var head = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var language = string.Intern(head[0]);
            var score = double.Parse(head[1], CultureInfo.InvariantCulture);
            var flags = head[2];
            var kind = flags.Contains('V', StringComparison.Ordinal) ? IntentPatternKind.Veto
                : flags.Contains('D', StringComparison.Ordinal) ? IntentPatternKind.Dampener
                : flags.Contains('J', StringComparison.Ordinal) ? IntentPatternKind.Delight
                : IntentPatternKind.Evidence;

            var elements = new List<IntentElement>();
            var anchor = -1;
            foreach (var raw in parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var text = raw;
                switch (text)
                {
                    case "^":
                        elements.Add(new IntentElement(IntentElementKind.Start, 0, 0, 0));
                        continue;
                    case "$":
                        elements.Add(new IntentElement(IntentElementKind.End, 0, 0, 0));
                        continue;
                }

                if (text[0] == '-')
                {
                    elements.Add(new IntentElement(IntentElementKind.Not, Slot(text[1..], language), 0, 0));
                    continue;
                }

                if (text[0] == '!')
                {
                    anchor = elements.Count;
                    text = text[1..];
                }

                byte min = 1, max = 1;
                if (text[^1] is '?' or '*')
                {
                    min = 0;
                    max = text[^1] == '?' ? (byte)1 : (byte)3;
                    text = text[..^1];
                }

                if (text == "_")
                {
                    elements.Add(new IntentElement(IntentElementKind.Any, 0, min, max));
                }
                else if (text.EndsWith("/$", StringComparison.Ordinal))
                {
                    elements.Add(new IntentElement(IntentElementKind.SlotOrEnd, Slot(text[..^2], language), 1, 1));
                }
                else
                {
                    elements.Add(new IntentElement(IntentElementKind.Slot, Slot(text, language), min, max));
                }
            }

            if (anchor < 0)
            {
                anchor = elements.FindIndex(e => e.Kind == IntentElementKind.Slot && e.Min == 1);
            }

            if (anchor < 0 || elements[anchor] is not { Kind: IntentElementKind.Slot, Min: 1, Max: 1 })
            {
                throw new InvalidOperationException($"Pattern '{line}': the anchor must be one required word slot.");
            }

            var pattern = new IntentPattern
            {
                Elements = [.. elements],
                Anchor = anchor,
                Kind = kind,
                Score = score,
                Language = language,
                Reason = parts[1],
                NegationSlot = (kind != IntentPatternKind.Veto || flags.Contains('x', StringComparison.Ordinal))
                        && !flags.Contains('n', StringComparison.Ordinal)
                    ? Slot("@neg_" + language, language)
                    : -1,
                QuestionPenalty = flags.Contains('q', StringComparison.Ordinal),
                Bare = flags.Contains('b', StringComparison.Ordinal),
                CrossClause = false,
            };
            _patterns.Add((pattern, _slotRows[elements[anchor].Value]));
        }

        public IntentTables Finish(IEnumerable<string> extraPhrases, IEnumerable<string> ignorePhrases)
        {
            var negationBarrier = Slot("@negbar", "*");
            var why = Slot("@whyq", "*");
            var rebuttal = Slot("@rebuttal", "*");
            var por = Slot("POR", "es");
            var que = Slot("QUE", "es");

            // Entries: every word of the grammar and every keyword, then one-edit typos of the keywords and of the
            // tolerant words (keywords first, so that a variant of both reads as the keyword's typo).
            var lexicon = new Dictionary<string, int>(StringComparer.Ordinal);
            var entryRow = new List<int>();
            var entryTypo = new List<string?>();
            for (var row = 1; row < _rowWord.Count; row++)
            {
                if (_rowWord[row] != MaskedWord)
                {
                    lexicon[_rowWord[row]] = entryRow.Count;
                    entryRow.Add(row);
                    entryTypo.Add(null);
                }
            }

            var never = NeverTypos.Value;
            void AddTypo(string variant, string source, bool doubling)
            {
                if (!lexicon.ContainsKey(variant) && (doubling || !never.Contains(variant)))
                {
                    lexicon[variant] = entryRow.Count;
                    entryRow.Add(_rowOf[source]);
                    entryTypo.Add("typo of " + source);
                }
            }

            foreach (var key in _keywordKeys)
            {
                foreach (var (variant, doubling) in IntentTypos.Variants(key))
                {
                    AddTypo(variant, key, doubling);
                }
            }

            foreach (var (variant, source, doubling) in TolerantVariants.Value)
            {
                if (_rowOf.ContainsKey(source))
                {
                    AddTypo(variant, source, doubling);
                }
            }

            // Extra and ignored phrases are exact word sequences; a word the grammar does not know gets an entry
            // of its own (row 0: no class).
            var phrasePatterns = new List<IntentPattern>();
            AddPhrases(extraPhrases, IntentPatternKind.Evidence, ExtraPhraseReason, lexicon, entryRow, entryTypo, phrasePatterns);
            AddPhrases(ignorePhrases, IntentPatternKind.Veto, "ignored phrase", lexicon, entryRow, entryTypo, phrasePatterns);

            var rowCount = _rowWord.Count;
            var rowWords = (_slotRows.Count + 63) / 64;
            var rows = new ulong[rowCount * rowWords];
            for (var slot = 0; slot < _slotRows.Count; slot++)
            {
                foreach (var row in _slotRows[slot])
                {
                    rows[(row * rowWords) + (slot >> 6)] |= 1UL << (slot & 63);
                }
            }

            var patterns = _patterns.Select(p => p.Pattern).Concat(phrasePatterns).ToArray();
            var rowAnchors = new List<int>?[rowCount];
            for (var p = 0; p < _patterns.Count; p++)
            {
                foreach (var row in _patterns[p].AnchorRows)
                {
                    (rowAnchors[row] ??= []).Add(p);
                }
            }

            var rowAnchorArrays = rowAnchors.Select(a => a is null ? NoAnchors : a.ToArray()).ToArray();
            var entryAnchors = new int[entryRow.Count][];
            for (var e = 0; e < entryRow.Count; e++)
            {
                entryAnchors[e] = rowAnchorArrays[entryRow[e]];
            }

            for (var p = _patterns.Count; p < patterns.Length; p++)
            {
                var first = patterns[p].Elements[0].Value;
                entryAnchors[first] = [.. entryAnchors[first], p];
            }

            var flags = _rowFlags.ToArray();
            var reasons = new string?[rowCount];
            for (var row = 1; row < rowCount; row++)
            {
                if ((flags[row] & (IntentRowFlags.CommandStrong | IntentRowFlags.CommandMedium | IntentRowFlags.Keyword)) != 0)
                {
                    reasons[row] = _rowWord[row] + " alone";
                }
            }

            var masked = _rowOf[MaskedWord];
            return new IntentTables
            {
                Lexicon = lexicon.ToFrozenDictionary(StringComparer.Ordinal),
                Packed = new IntentPackedTable(lexicon),
                MaxKeyLength = lexicon.Keys.Max(k => k.Length),
                EntryRow = [.. entryRow],
                EntryTypoOf = [.. entryTypo],
                EntryAnchors = entryAnchors,
                Rows = rows,
                RowWords = rowWords,
                RowLanguage = [.. _rowLanguage],
                RowFlags = flags,
                RowCommandReason = reasons,
                MaskedRow = masked,
                MaskedAnchors = rowAnchorArrays[masked],
                Patterns = patterns,
                NegationBarrierSlot = negationBarrier,
                WhySlot = why,
                RebuttalSlot = rebuttal,
                PorSlot = por,
                QueSlot = que,
            };
        }

        private static void AddPhrases(
            IEnumerable<string> phrases,
            IntentPatternKind kind,
            string reason,
            Dictionary<string, int> lexicon,
            List<int> entryRow,
            List<string?> entryTypo,
            List<IntentPattern> patterns)
        {
            foreach (var phrase in phrases)
            {
                if (string.IsNullOrWhiteSpace(phrase))
                {
                    continue;
                }

                var fold = new char[(phrase.Length * FoldTable.MaxFold) + 8];
                var tokens = new IntentToken[phrase.Length + 8];
                var count = IntentTokenizer.Tokenize(phrase, fold, tokens, out _);
                var elements = new List<IntentElement>();
                for (var t = 0; t < count; t++)
                {
                    var word = new string(fold, tokens[t].FoldStart, tokens[t].FoldLength);
                    if (!lexicon.TryGetValue(word, out var entry))
                    {
                        lexicon[word] = entry = entryRow.Count;
                        entryRow.Add(0);
                        entryTypo.Add(null);
                    }

                    elements.Add(new IntentElement(IntentElementKind.Entry, entry, 1, 1));
                }

                if (elements.Count == 0)
                {
                    continue;
                }

                patterns.Add(new IntentPattern
                {
                    Elements = [.. elements],
                    Anchor = 0,
                    Kind = kind,
                    Score = kind == IntentPatternKind.Evidence ? ExtraPhraseScore : 0,
                    Language = null,
                    Reason = reason,
                    NegationSlot = -1,
                    QuestionPenalty = false,
                    Bare = false,
                    CrossClause = true,
                });
            }
        }

        private int Row(string word)
        {
            if (!_rowOf.TryGetValue(word, out var row))
            {
                row = _rowWord.Count;
                _rowOf[word] = row;
                _rowWord.Add(word);
                _rowLanguage.Add(0);
                _rowFlags.Add(IntentRowFlags.None);
            }

            return row;
        }

        /// <summary>The slot of words and classes joined by '/'; literal words take the pattern's language.</summary>
        private int Slot(string spec, string language)
        {
            var parts = spec.Split('/').Order(StringComparer.Ordinal).ToArray();
            var key = string.Join('/', parts);
            if (_slotOf.TryGetValue(key, out var slot))
            {
                return slot;
            }

            var rows = new HashSet<int>();
            foreach (var part in parts)
            {
                if (part[0] == '@')
                {
                    if (!_classRows.TryGetValue(part[1..], out var classRows))
                    {
                        throw new InvalidOperationException($"Unknown word class '{part}' in '{spec}'.");
                    }

                    rows.UnionWith(classRows);
                }
                else
                {
                    var row = Row(part);
                    _rowLanguage[row] |= LanguageBits(language);
                    rows.Add(row);
                }
            }

            slot = _slotRows.Count;
            _slotOf[key] = slot;
            _slotRows.Add([.. rows]);
            return slot;
        }
    }
}
