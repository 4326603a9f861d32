using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OptOutConsole.Core.Intent;
using OptOutConsole.Core.Messages;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Keywords;

/// <summary>
/// The one place that decides an inbound text (DESIGN 3): compiled once from a <see cref="ServiceConfig"/>,
/// immutable and thread-safe, and allocation-free per message. Every (match key, sender's country set) answer is
/// computed when the classifier is built; classifying folds the body into a stack buffer and looks it up.
/// </summary>
/// <remarks>
/// Effects (DESIGN 3.4) are the caller's: the block list, tracking, and whether to send the reply at all
/// (<see cref="ShouldReply"/> says no to HELP from a blocked number when the service does not answer it). With
/// Advanced Opt-Out off only the built-in keywords count, with the built-in English replies, and the forwarded
/// request must carry no <c>OptOutType</c>: check <see cref="AdvancedOptOutEnabled"/>.
/// A config that breaks validation still builds: on a key held by two categories, the first set (global,
/// languages in order, country) and the first category (opt-out, opt-in, help) win.
/// </remarks>
public sealed class KeywordClassifier
{
    /// <summary>How many senders' regions one classifier remembers (libphonenumber parsing allocates).</summary>
    public const int MaxCachedSenders = 10_000;

    /// <summary>The fold buffer on the stack: 30-character keys plus two of the longest folds (18) fit well within it.</summary>
    private const int StackBufferLength = 128;

    private readonly FrozenDictionary<string, ClassificationData[]> _byKey;
    private readonly FrozenDictionary<string, ClassificationData[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly AsciiKeyTable<ClassificationData[]> _asciiKeys;
    private readonly int _packLimit;
    private readonly string[] _countryCodes;
    private readonly ushort[] _slotByCode;
    private readonly ClassificationData[] _noMatch;
    private readonly int _maxKeyLength;
    private readonly int _bufferLength;
    private readonly ConcurrentDictionary<string, string> _senderRegions = new(StringComparer.Ordinal);

    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary.
    private int _cachedSenders;

    private readonly OptOutIntentDetector? _intent;
    private readonly ClassificationData[][] _detected;
    private readonly string?[] _languageSets;

    /// <summary>The <see cref="Classification.MatchedKeyword"/> of a detected opt-out request handled as a STOP (its events and counters say so).</summary>
    public const string DetectedKeyword = "(detected)";

    private KeywordClassifier(
        ServiceConfig config,
        FrozenDictionary<string, ClassificationData[]> byKey,
        string[] countryCodes,
        ClassificationData[] noMatch,
        int maxKeyLength,
        OptOutIntentDetector? intent,
        string intentMode,
        ClassificationData[][] detected,
        string?[] languageSets)
    {
        _intent = intent;
        IntentMode = intent is null ? OptOutIntentConfig.Off : intentMode;
        _detected = detected;
        _languageSets = languageSets;
        AdvancedOptOutEnabled = config.AdvancedOptOutEnabled;
        ReplyToHelpWhenOptedOut = config.ReplyToHelpWhenOptedOut;
        _byKey = byKey;
        _lookup = byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        _asciiKeys = new AsciiKeyTable<ClassificationData[]>(byKey);
        _packLimit = Math.Min(maxKeyLength, AsciiKeys.MaxLength);
        _countryCodes = countryCodes;
        _slotByCode = SlotTable(countryCodes);
        _noMatch = noMatch;
        _maxKeyLength = maxKeyLength;
        _bufferLength = MatchKeyFolder.BufferLength(maxKeyLength);
    }

    /// <summary>False when the service answers only the built-in keywords (DESIGN 3.4).</summary>
    public bool AdvancedOptOutEnabled { get; }

    /// <summary>The service's <c>ReplyToHelpWhenOptedOut</c>.</summary>
    public bool ReplyToHelpWhenOptedOut { get; }

    /// <summary>Every match key the classifier knows (any set).</summary>
    public IEnumerable<string> MatchKeys => _byKey.Keys;

    /// <summary>
    /// What a detected opt-out request does (<see cref="OptOutIntentConfig.Mode"/>): <c>off</c> when detection does
    /// not run, also because Advanced Opt-Out is off (DESIGN 3.4: only the built-in keywords count then).
    /// </summary>
    public string IntentMode { get; }

    /// <summary>
    /// Free-text opt-out detection (DESIGN 3.5) for a text the keywords did not match: null when it matched a keyword,
    /// when nothing was detected, or when detection does not run (<see cref="IntentMode"/> off).
    /// </summary>
    public PossibleOptOut? DetectOptOutIntent(in Classification classification, string? body)
    {
        if (_intent is null || classification.IsMatch || string.IsNullOrEmpty(body))
        {
            return null;
        }

        var found = _intent.Detect(body);
        return found.IsOptOut && found.Phrase is not null
            ? new PossibleOptOut(Math.Round(found.Score, 3), found.Phrase, found.PhraseStart, found.PhraseLength, found.Language ?? "en", IntentMode, found.Reason)
            : null;
    }

    /// <summary>
    /// A detected request handled as a STOP (mode <c>block</c>): the opt-out reply the sender would get, from the
    /// language set of the request's language if the service has one, else the sender's country set, else the global
    /// set (DESIGN 3.3's order, the request's language standing for the keyword's set).
    /// </summary>
    public Classification ClassifyDetected(PossibleOptOut detected, string? country)
    {
        ArgumentNullException.ThrowIfNull(detected);
        var slot = SlotOf(country);
        var language = Array.IndexOf(_languageSets, detected.Language);
        return Result(_detected[slot][language < 0 ? _languageSets.Length : language], slot, country);
    }

    /// <summary>Compiles <paramref name="config"/>; later changes to the config do not affect the classifier.</summary>
    public static KeywordClassifier Build(ServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        MatchKeyFolder.Warm();
        var effective = config.AdvancedOptOutEnabled ? config.Clone().Normalize() : BuiltInOnly(config);
        var defaultLanguage = string.IsNullOrWhiteSpace(effective.DefaultLanguage)
            ? ServiceConfig.DefaultLanguageCode
            : effective.DefaultLanguage.Trim();

        var global = new CompiledSet("global", effective.Global);
        var languages = effective.Languages.Select(l => new CompiledSet($"language {l.Language.Trim()}", l, language: l.Language.Trim())).ToArray();
        var countrySlots = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var countries = new List<CompiledSet>();
        foreach (var c in effective.Countries)
        {
            var code = c.Country.Trim().ToUpperInvariant();
            if (countrySlots.TryAdd(code, countries.Count + 1))
            {
                countries.Add(new CompiledSet($"country {code}", c));
            }
        }

        var slotSets = new IReadOnlyList<string>[countries.Count + 1];
        var noMatch = new ClassificationData[countries.Count + 1];
        for (var slot = 0; slot <= countries.Count; slot++)
        {
            var names = new List<string> { global.Name };
            names.AddRange(languages.Select(l => l.Name));
            if (slot > 0)
            {
                names.Add(countries[slot - 1].Name);
            }

            slotSets[slot] = names.AsReadOnly();
            noMatch[slot] = new ClassificationData { Language = defaultLanguage, SetsConsidered = slotSets[slot] };
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in countries.Prepend(global).Concat(languages))
        {
            keys.UnionWith(set.Keys);
        }

        var byKey = new Dictionary<string, ClassificationData[]>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var results = new ClassificationData[countries.Count + 1];
            for (var slot = 0; slot <= countries.Count; slot++)
            {
                var country = slot > 0 ? countries[slot - 1] : null;
                results[slot] = Resolve(key, global, languages, country, defaultLanguage, slotSets[slot]) ?? noMatch[slot];
            }

            byKey[key] = results;
        }

        var maxKeyLength = keys.Count == 0 ? 1 : keys.Max(k => k.Length);
        var codes = countrySlots.OrderBy(p => p.Value).Select(p => p.Key).ToArray();

        // Detection: only with Advanced Opt-Out on and a mode other than off; the service's own opt-out keywords
        // (any set) are what its typos are measured against.
        var intentConfig = effective.OptOutIntent ?? new OptOutIntentConfig();
        var intent = config.AdvancedOptOutEnabled && intentConfig.IsKnownMode && intentConfig.Mode != OptOutIntentConfig.Off
            ? OptOutIntentDetector.Build(effective.Sets().SelectMany(s => s.OptOut.Keywords).Distinct(StringComparer.Ordinal), intentConfig.Phrases, intentConfig.Ignore)
            : null;
        var detected = new ClassificationData[countries.Count + 1][];
        for (var slot = 0; slot <= countries.Count; slot++)
        {
            var country = slot > 0 ? countries[slot - 1] : null;
            detected[slot] = new ClassificationData[languages.Length + 1];
            for (var li = 0; li <= languages.Length; li++)
            {
                var language = li < languages.Length ? languages[li] : null;
                CompiledSet?[] order = [language, country, global];
                var answering = order.FirstOrDefault(s => s is not null && !string.IsNullOrWhiteSpace(s.Reply(KeywordCategory.OptOut)));
                var reply = answering?.Reply(KeywordCategory.OptOut);
                detected[slot][li] = new ClassificationData
                {
                    Category = KeywordCategory.OptOut,
                    MatchedKeyword = DetectedKeyword,
                    Language = language?.Language ?? defaultLanguage,
                    AnsweredBy = answering?.Name,
                    Reply = reply,
                    ReplySegments = SegmentCounter.Count(reply),
                    SetsConsidered = slotSets[slot],
                };
            }
        }

        return new KeywordClassifier(config, byKey.ToFrozenDictionary(StringComparer.Ordinal), codes, noMatch, maxKeyLength, intent, effective.OptOutIntent?.Mode ?? OptOutIntentConfig.Off, detected, languages.Select(l => l.Language).ToArray());
    }

    /// <summary>
    /// Classifies a text from <paramref name="from"/> (E.164): the sender's country is the number's region, else
    /// <paramref name="fromCountryHint"/> (the webhook's <c>FromCountry</c>).
    /// </summary>
    public Classification Classify(string? from, string? body, string? fromCountryHint = null) =>
        ClassifyForCountry(body, CountryOf(from, fromCountryHint));

    /// <summary>Classifies a text from a sender whose country is already known (null when unknown).</summary>
    public Classification ClassifyForCountry(ReadOnlySpan<char> body, string? country)
    {
        var slot = SlotOf(country);

        // Plain ASCII (most texts): fold, pack and look up in one pass (AsciiKeyTable). The first other character, or
        // a key longer than the packed form holds when the service has such keys, goes to the general path.
        ref var codes = ref MemoryMarshal.GetArrayDataReference(AsciiKeys.Codes);
        ulong lo = 0, hi = 0;
        var n = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c >= 128)
            {
                return ClassifyGeneral(body, slot, country);
            }

            var code = Unsafe.Add(ref codes, c);
            if (code == 0)
            {
                continue;
            }

            if (n == _packLimit)
            {
                // Longer than every key (the bound MatchKeyFolder.Fold applies too), or a long key to look up in full.
                return _maxKeyLength <= _packLimit ? Result(_noMatch[slot], slot, country) : ClassifyGeneral(body, slot, country);
            }

            AsciiKeys.Append(ref lo, ref hi, n++, code);
        }

        var results = n == 0 ? null : _asciiKeys.Find(lo, hi);
        return Result(results is not null && results[slot].Category is not null ? results[slot] : _noMatch[slot], slot, country);
    }

    /// <summary>Any text: the general fold into a stack buffer, then the lookup by span.</summary>
    [SkipLocalsInit]
    private Classification ClassifyGeneral(ReadOnlySpan<char> body, int slot, string? country)
    {
        // A fixed-size buffer is part of the frame (no dynamic stack allocation), and the fold writes before it
        // reads, so it is not zeroed either (SkipLocalsInit). Only a config with keys far over the 30-character
        // limit (refused by validation) needs more.
        Span<char> buffer = _bufferLength > StackBufferLength ? new char[_bufferLength] : stackalloc char[StackBufferLength];
        var length = MatchKeyFolder.Fold(body, buffer, _maxKeyLength);
        var result = _noMatch[slot];
        if (length <= 0)
        {
            return Result(result, slot, country);
        }

        // Most non-ASCII keywords people type fold to ASCII ("Arrêt", fullwidth "ＳＴＯＰ"): the packed table is quicker.
        var key = buffer[..length];
        var results = AsciiKeys.TryPack(key, out var lo, out var hi)
            ? _asciiKeys.Find(lo, hi)
            : _lookup.TryGetValue(key, out var found) ? found : null;
        if (results is not null && results[slot].Category is not null)
        {
            result = results[slot];
        }

        return Result(result, slot, country);
    }

    /// <summary>A sender with a country set is reported with the set's code as configured.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Classification Result(ClassificationData data, int slot, string? country) =>
        new(data, slot > 0 ? _countryCodes[slot - 1] : country);

    /// <summary>The sender's country set: 1 + its index, or 0 for none; an upper-case ISO code is one table read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(string? country)
    {
        if (country is null)
        {
            return 0;
        }

        if (country.Length == 2)
        {
            var a = (uint)(country[0] - 'A');
            var b = (uint)(country[1] - 'A');
            if (a < 26 && b < 26)
            {
                return _slotByCode[(a * 26) + b];
            }
        }

        return SlotOfSlow(country);
    }

    /// <summary>Any other spelling of a country: a scan, ignoring case (services have a handful of country sets).</summary>
    private int SlotOfSlow(string country)
    {
        var codes = _countryCodes;
        for (var i = 0; i < codes.Length; i++)
        {
            if (string.Equals(codes[i], country, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>For every two upper-case letters, the slot of the country set with that code (0 for none).</summary>
    private static ushort[] SlotTable(string[] countryCodes)
    {
        var table = new ushort[26 * 26];
        for (var i = countryCodes.Length - 1; i >= 0; i--)
        {
            var code = countryCodes[i];
            if (code.Length == 2 && code[0] is >= 'A' and <= 'Z' && code[1] is >= 'A' and <= 'Z')
            {
                table[((code[0] - 'A') * 26) + (code[1] - 'A')] = (ushort)(i + 1);
            }
        }

        return table;
    }

    /// <summary>
    /// The sender's country: the region of the E.164 number <paramref name="from"/> (libphonenumber; remembered per
    /// sender), else <paramref name="fromCountryHint"/> upper-cased, else null.
    /// </summary>
    public string? CountryOf(string? from, string? fromCountryHint = null)
    {
        if (!string.IsNullOrEmpty(from))
        {
            if (!_senderRegions.TryGetValue(from, out var region))
            {
                region = Phones.E164.RegionOf(from) ?? string.Empty;
                if (Volatile.Read(ref _cachedSenders) < MaxCachedSenders && _senderRegions.TryAdd(from, region))
                {
                    Interlocked.Increment(ref _cachedSenders);
                }
            }

            if (region.Length > 0)
            {
                return region;
            }
        }

        return string.IsNullOrWhiteSpace(fromCountryHint) ? null : fromCountryHint.Trim().ToUpperInvariant();
    }

    /// <summary>
    /// Whether the caller should send <paramref name="classification"/>'s reply: a matched keyword with a reply,
    /// except HELP from a blocked number when the service has <c>ReplyToHelpWhenOptedOut</c> off (DESIGN 3.4).
    /// </summary>
    public bool ShouldReply(in Classification classification, bool senderBlocked) =>
        classification.IsMatch
        && !string.IsNullOrEmpty(classification.Reply)
        && !(classification.Category == KeywordCategory.Help && senderBlocked && !ReplyToHelpWhenOptedOut);

    /// <summary>DESIGN 3.2 and 3.3 for one key and one sender's country set; null when no applicable set holds the key.</summary>
    private static ClassificationData? Resolve(
        string key,
        CompiledSet global,
        CompiledSet[] languages,
        CompiledSet? country,
        string defaultLanguage,
        IReadOnlyList<string> setsConsidered)
    {
        KeywordCategory? category = global.CategoryOf(key);
        foreach (var l in languages)
        {
            category ??= l.CategoryOf(key);
        }

        category ??= country?.CategoryOf(key);
        if (category is not { } c)
        {
            return null;
        }

        var language = languages.FirstOrDefault(l => l.Holds(c, key));
        var countryHolds = country is not null && country.Holds(c, key);
        CompiledSet?[] order = [countryHolds ? country : null, language, country, global];
        var answering = order.FirstOrDefault(s => s is not null && !string.IsNullOrWhiteSpace(s.Reply(c)));
        var chosen = countryHolds ? country! : language ?? global;
        var reply = answering?.Reply(c);
        return new ClassificationData
        {
            Category = c,
            MatchedKeyword = chosen.Spelling(c, key),
            MatchKey = key,
            Language = language?.Language ?? defaultLanguage,
            AnsweredBy = answering?.Name,
            Reply = reply,
            ReplySegments = SegmentCounter.Count(reply),
            SetsConsidered = setsConsidered,
        };
    }

    /// <summary>Advanced Opt-Out off: the built-in keywords and English replies only (DESIGN 3.4).</summary>
    private static ServiceConfig BuiltInOnly(ServiceConfig config)
    {
        var builtIn = DefaultReplies.NewConfig(config.FriendlyName ?? string.Empty);
        builtIn.DefaultLanguage = config.DefaultLanguage;
        builtIn.AdvancedOptOutEnabled = false;
        builtIn.OptOutIntent = new OptOutIntentConfig { Mode = OptOutIntentConfig.Off };
        return builtIn;
    }

    /// <summary>One set's keywords by match key (first spelling wins) and its replies.</summary>
    private sealed class CompiledSet
    {
        private readonly Dictionary<string, string>[] _keywords = new Dictionary<string, string>[3];
        private readonly string?[] _replies = new string?[3];

        public CompiledSet(string name, KeywordSet set, string? language = null)
        {
            Name = name;
            Language = language;
            foreach (var (category, config) in set.Categories)
            {
                var keywords = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var keyword in config.Keywords)
                {
                    var key = MatchKey.Compute(keyword);
                    if (key.Length > 0)
                    {
                        keywords.TryAdd(key, keyword);
                    }
                }

                _keywords[(int)category] = keywords;
                _replies[(int)category] = config.Reply;
            }
        }

        public string Name { get; }

        public string? Language { get; }

        public IEnumerable<string> Keys => _keywords.SelectMany(k => k.Keys);

        public bool Holds(KeywordCategory category, string key) => _keywords[(int)category].ContainsKey(key);

        public KeywordCategory? CategoryOf(string key) =>
            KeywordCategories.All.Where(c => Holds(c, key)).Select(c => (KeywordCategory?)c).FirstOrDefault();

        public string? Reply(KeywordCategory category) => _replies[(int)category];

        public string Spelling(KeywordCategory category, string key) => _keywords[(int)category][key];
    }
}
