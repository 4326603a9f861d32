using System.Text.RegularExpressions;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Messages;
using OptOutConsole.Core.Reference;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Validation;

/// <summary>
/// The one rule set for a service's config document (DESIGN 2), used by the editor, the API and the import.
/// Paths follow <see cref="ConfigPaths"/>; codes are <see cref="ProblemCodes"/>.
/// </summary>
public static class ConfigValidator
{
    /// <summary>The country whose override triggers lint.canada, and its French keywords.</summary>
    public const string CanadaCountryCode = "CA";

    public const string FrenchLanguageCode = "fr";
    public const string CanadaFrenchOptOut = "ARRET";
    public const string CanadaFrenchHelp = "AIDE";

    /// <summary>
    /// Every problem of <paramref name="config"/>, errors and warnings, each with its path, in document order:
    /// friendlyName, description, defaultLanguage, senders, webhookUrl, then each set (global, languages,
    /// countries, in list order) with its code, then per category (optOut, optIn, help) the keyword list, each
    /// keyword, the reply. Problems of one path come in a fixed order, so the result is deterministic.
    /// Never throws for a non-null document, normalised or not.
    /// </summary>
    /// <param name="config">The document (normalised: no nulls).</param>
    /// <param name="sendersOfOtherServices">Senders already used by other services (sender.taken).</param>
    public static IReadOnlyList<Problem> Validate(ServiceConfig config, IReadOnlySet<string>? sendersOfOtherServices = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<Problem>();
        var sets = SetsOf(config);

        CheckName(config, problems);
        CheckDefaultLanguage(config.DefaultLanguage, problems);
        CheckSenders(config.Senders ?? [], sendersOfOtherServices, problems);
        CheckWebhookUrl(config.WebhookUrl, problems);

        var walk = new Walk(config, sets);
        var canadaReported = false;
        foreach (var set in sets)
        {
            if (set.Kind == SetKind.Country && !canadaReported && string.Equals(set.Code, CanadaCountryCode, StringComparison.OrdinalIgnoreCase))
            {
                canadaReported = true;
                CheckCanada(config, sets, set, problems);
            }

            CheckCode(config, sets, set, problems);
            foreach (var category in KeywordCategories.All)
            {
                CheckCategory(set, category, walk, problems);
            }
        }

        CheckIntent(config.OptOutIntent, problems);
        return problems;
    }

    /// <summary>optOutIntent (DESIGN 3.5): a known mode, phrases a compliance officer can read back, lint when it is off.</summary>
    private static void CheckIntent(OptOutIntentConfig? intent, List<Problem> problems)
    {
        intent ??= new OptOutIntentConfig();
        if (!intent.IsKnownMode)
        {
            problems.Add(Problem.Error(ProblemCodes.IntentMode, ConfigPaths.OptOutIntentMode,
                $"“{intent.Mode}” is not a mode: use {string.Join(", ", OptOutIntentConfig.Modes.Select(m => $"“{m}”"))} (review files a possible opt-out for a person to decide; block handles it as a STOP; off ignores it)."));
        }
        else if (intent.Mode == OptOutIntentConfig.Off)
        {
            problems.Add(Problem.Warning(ProblemCodes.LintIntentOff, ConfigPaths.OptOutIntentMode,
                "Free-text opt-outs are ignored: since April 2025 the FCC's revocation rule lets a subscriber revoke consent by any reasonable means (\"please stop texting me\"), to be honoured within 10 business days. Use review or block."));
        }

        CheckPhrases("phrases", intent.Phrases ?? [], problems);
        CheckPhrases("ignore", intent.Ignore ?? [], problems);
    }

    private static void CheckPhrases(string list, IReadOnlyList<string?> phrases, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < phrases.Count; i++)
        {
            var path = ConfigPaths.IntentPhrase(list, i);
            var phrase = (phrases[i] ?? string.Empty).Trim();
            string? message = null;
            if (i >= OptOutIntentConfig.MaxPhrases)
            {
                message = $"At most {OptOutIntentConfig.MaxPhrases} phrases may be listed; remove this one or another.";
            }
            else if (phrase.Length == 0)
            {
                message = "The phrase is empty: write the words a subscriber would send, or remove the entry.";
            }
            else if (phrase.Length > OptOutIntentConfig.PhraseMaxLength)
            {
                message = $"The phrase has {phrase.Length} characters; it may have at most {OptOutIntentConfig.PhraseMaxLength}.";
            }
            else if (phrase.IndexOfAny(ControlCharacters) >= 0)
            {
                message = "The phrase holds a control character (a line break, a tab): a phrase is one line of text.";
            }
            else if (!seen.Add(phrase))
            {
                message = $"“{phrase}” is listed twice: remove the repeat.";
            }

            if (message is not null)
            {
                problems.Add(Problem.Error(ProblemCodes.IntentPhrase, path, message));
            }
        }
    }

    /// <summary>
    /// How many of <paramref name="keywords"/> count against the <see cref="DefaultKeywords.MaxCustomPerCategory"/>
    /// limit (keyword.limit): in the global set every keyword that is not one of the category's built-in defaults
    /// (by match key); in an override, which has no defaults, every keyword.
    /// </summary>
    public static int CustomKeywordCount(KeywordCategory category, IReadOnlyList<string> keywords, bool isGlobal)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        return keywords.Count(k => IsCustom(category, KeywordRules.Key(k), isGlobal));
    }

    private static bool IsCustom(KeywordCategory category, string key, bool isGlobal) =>
        !isGlobal || !DefaultKeywords.For(category).Contains(key, StringComparer.Ordinal);

    private static readonly char[] ControlCharacters = Enumerable.Range(0, 0x20).Append(0x7F).Select(c => (char)c).ToArray();

    private static void CheckName(ServiceConfig config, List<Problem> problems)
    {
        var name = config.FriendlyName ?? string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(Problem.Error(ProblemCodes.NameRequired, ConfigPaths.FriendlyName,
                "The friendly name is required: name the service as subscribers know it, since replies use it as the brand."));
        }
        else if (name.Length > ServiceConfig.FriendlyNameMaxLength)
        {
            problems.Add(Problem.Error(ProblemCodes.NameTooLong, ConfigPaths.FriendlyName,
                $"The friendly name has {name.Length} characters; it may have at most {ServiceConfig.FriendlyNameMaxLength}: shorten it."));
        }
        else if (name.IndexOfAny(ControlCharacters) is var at and >= 0)
        {
            problems.Add(Problem.Error(ProblemCodes.NameChars, ConfigPaths.FriendlyName,
                $"The friendly name holds a control character (U+{(int)name[at]:X4} at position {at + 1}): a name is one line of text, which replies show as the brand; remove it."));
        }

        if (config.Description is { Length: > ServiceConfig.DescriptionMaxLength } description)
        {
            problems.Add(Problem.Error(ProblemCodes.NameDescriptionTooLong, ConfigPaths.Description,
                $"The description has {description.Length} characters; it may have at most {ServiceConfig.DescriptionMaxLength}: shorten it."));
        }
    }

    private static void CheckDefaultLanguage(string? language, List<Problem> problems)
    {
        var message = string.IsNullOrWhiteSpace(language)
            ? $"The default language is required: pick one, e.g. “{ServiceConfig.DefaultLanguageCode}” (English)."
            : CodeProblem(language, isCountry: false);
        if (message is not null)
        {
            problems.Add(Problem.Error(ProblemCodes.OverrideCode, ConfigPaths.DefaultLanguage, message));
        }
    }

    private static void CheckSenders(IReadOnlyList<string?> senders, IReadOnlySet<string>? taken, List<Problem> problems)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < senders.Count; i++)
        {
            var sender = senders[i] ?? string.Empty;
            var path = ConfigPaths.Sender(i);
            var invalid = SenderRules.Check(sender);
            if (invalid is not null)
            {
                problems.Add(Problem.Error(ProblemCodes.SenderInvalid, path, invalid));
            }
            else if (seen.TryGetValue(sender, out var first))
            {
                problems.Add(Problem.Error(ProblemCodes.SenderDuplicate, path,
                    $"“{sender}” is already listed ({ConfigPaths.Sender(first)}): remove the repeat."));
            }
            else
            {
                seen[sender] = i;
                if (taken?.Contains(sender) == true)
                {
                    problems.Add(Problem.Error(ProblemCodes.SenderTaken, path,
                        $"“{sender}” already belongs to another service, and a sender serves one service only: remove it here or from the other service."));
                }
            }
        }
    }

    private static void CheckWebhookUrl(string? url, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        string? message = null;
        if (url.Length != url.Trim().Length)
        {
            message = "The webhook URL starts or ends with a space: remove it.";
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            message = $"{KeywordRules.Quote(url)} is not an absolute http or https URL: write it in full, such as “https://example.com/sms/inbound”, or leave it blank for none.";
        }

        if (message is not null)
        {
            problems.Add(Problem.Error(ProblemCodes.UrlInvalid, ConfigPaths.WebhookUrl, message));
        }
    }

    private static void CheckCode(ServiceConfig config, IReadOnlyList<SetInfo> sets, SetInfo set, List<Problem> problems)
    {
        if (set.Kind == SetKind.Global)
        {
            return;
        }

        var isCountry = set.Kind == SetKind.Country;
        var path = isCountry ? ConfigPaths.CountryCode(set.Path) : ConfigPaths.LanguageCode(set.Path);
        string? message;
        if (string.IsNullOrWhiteSpace(set.Code))
        {
            message = isCountry ? "A country override has no country: pick one." : "A language override has no language: pick one.";
        }
        else
        {
            message = CodeProblem(set.Code, isCountry);
            var earlier = sets.FirstOrDefault(s => s.Kind == set.Kind && s.Position < set.Position
                && string.Equals(s.Code, set.Code, StringComparison.OrdinalIgnoreCase));
            if (message is null && earlier is not null)
            {
                message = $"There is already an override for {set.Code} ({earlier.Path}): merge the two into one.";
            }

            if (message is null && !isCountry && string.Equals(set.Code, config.DefaultLanguage, StringComparison.OrdinalIgnoreCase))
            {
                message = $"{set.Code} ({Languages.NameOf(set.Code)}) is the service's default language, which the global set answers: remove this override or change the default language.";
            }
        }

        if (message is not null)
        {
            problems.Add(Problem.Error(ProblemCodes.OverrideCode, path, message));
        }
    }

    /// <summary>
    /// Codes must be written as the standards write them (countries in capitals, languages in lower case), so that
    /// every comparison with a libphonenumber region or a language tag can be ordinal.
    /// </summary>
    private static string? CodeProblem(string code, bool isCountry)
    {
        var known = isCountry ? Countries.IsKnown(code) : Languages.IsKnown(code);
        if (known)
        {
            return null;
        }

        var canonical = isCountry ? code.ToUpperInvariant() : code.ToLowerInvariant();
        var canonicalKnown = isCountry ? Countries.IsKnown(canonical) : Languages.IsKnown(canonical);
        if (canonicalKnown)
        {
            return isCountry
                ? $"Write country codes in capitals: “{canonical}”, not “{code}”."
                : $"Write language codes in lower case: “{canonical}”, not “{code}”.";
        }

        return isCountry
            ? $"{KeywordRules.Quote(code)} is not an ISO 3166-1 alpha-2 country code: pick a country from the list."
            : $"{KeywordRules.Quote(code)} is not an ISO 639-1 language code: pick a language from the list.";
    }

    private static void CheckCategory(SetInfo set, KeywordCategory category, Walk walk, List<Problem> problems)
    {
        var config = set.Set[category];
        var keywords = (IReadOnlyList<string?>?)config?.Keywords ?? [];
        var keys = set.Keys[(int)category];
        var isGlobal = set.Kind == SetKind.Global;
        var name = category.ToDisplayName().ToLowerInvariant();

        var reservedAt = -1;
        if (isGlobal)
        {
            var reserved = DefaultKeywords.Reserved(category);
            reservedAt = Array.IndexOf(keys, reserved);
            if (reservedAt < 0)
            {
                problems.Add(Problem.Error(ProblemCodes.KeywordReserved, ConfigPaths.Keywords(set.Path, category),
                    $"{reserved} is missing from the global {name} keywords: it is reserved and cannot be removed. Add it back as the first keyword."));
            }

            if (category == KeywordCategory.OptOut)
            {
                foreach (var word in DefaultKeywords.FccOptOutWords.Where(w => !keys.Contains(w)))
                {
                    problems.Add(Problem.Warning(ProblemCodes.LintFccWord, ConfigPaths.Keywords(set.Path, category),
                        $"{word} is not an opt-out keyword, but the FCC's 2024 revocation rule names it as a way to opt out: add it back."));
                }
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var custom = 0;
        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i] ?? string.Empty;
            var key = keys[i];
            var path = ConfigPaths.Keyword(set.Path, category, i);
            problems.AddRange(KeywordRules.CheckAll(keyword, path));

            if (isGlobal && i == reservedAt && i > 0)
            {
                problems.Add(Problem.Error(ProblemCodes.KeywordReserved, path,
                    $"{key} is reserved and must stay the first {name} keyword of the global set: move it back to the top."));
            }

            if (key.Length > 0)
            {
                CheckAcrossSets(set, category, i, keyword, key, seen, walk, problems);
            }

            if (IsCustom(category, key, isGlobal) && ++custom == DefaultKeywords.MaxCustomPerCategory + 1)
            {
                var total = keys.Count(k => IsCustom(category, k, isGlobal));
                problems.Add(Problem.Error(ProblemCodes.KeywordLimit, path,
                    $"{category.ToDisplayName()} has {total} custom keywords in {set.Describe()}; a category may hold at most {DefaultKeywords.MaxCustomPerCategory} beyond the built-in ones: remove {total - DefaultKeywords.MaxCustomPerCategory}."));
            }
        }

        CheckReply(set, category, config?.Reply, walk, problems);
    }

    private static void CheckAcrossSets(
        SetInfo set, KeywordCategory category, int index, string keyword, string key,
        Dictionary<string, int> seen, Walk walk, List<Problem> problems)
    {
        var path = ConfigPaths.Keyword(set.Path, category, index);
        var quoted = KeywordRules.Quote(keyword);
        if (seen.TryGetValue(key, out var first))
        {
            problems.Add(Problem.Error(ProblemCodes.KeywordDuplicate, path,
                $"{quoted} repeats keyword {first + 1} of this list (same match key {key}): remove the repeat."));
        }
        else
        {
            seen[key] = index;
        }

        if (walk.FirstOccurrence.TryGetValue(key, out var other))
        {
            if (other.Category != category)
            {
                problems.Add(Problem.Error(ProblemCodes.KeywordConflict, path,
                    $"{quoted} is already an {other.Category.ToDisplayName().ToLowerInvariant()} keyword ({other.Path}), and a keyword belongs to one category in the whole service: remove it here or there."));
            }
        }
        else
        {
            walk.FirstOccurrence[key] = (category, path);
        }

        if (set.Kind == SetKind.Language)
        {
            if (walk.FirstLanguageSet.TryGetValue((key, category), out var earlier))
            {
                if (earlier.SetPath != set.Path)
                {
                    problems.Add(Problem.Warning(ProblemCodes.KeywordShadowed, path,
                        $"{quoted} is also a {category.ToDisplayName().ToLowerInvariant()} keyword of the earlier language override {earlier.SetPath} ({earlier.Path}), which answers it first: this set never will. Remove it here or change the override order."));
                }
            }
            else
            {
                walk.FirstLanguageSet[(key, category)] = (set.Path, path);
            }
        }
    }

    private static void CheckReply(SetInfo set, KeywordCategory category, string? reply, Walk walk, List<Problem> problems)
    {
        var path = ConfigPaths.Reply(set.Path, category);
        var name = category.ToDisplayName().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(reply))
        {
            // A blank override reply falls back (DESIGN 3.3); the global set is where the fallback ends.
            if (set.Kind == SetKind.Global)
            {
                problems.Add(Problem.Error(ProblemCodes.ReplyRequired, path,
                    $"The global {name} reply is required: it is the answer every set falls back to. Write one."));
            }

            return;
        }

        if (reply.Length > CategoryConfig.ReplyMaxLength)
        {
            // Too long to send at all: segment counting and lint would only add noise.
            problems.Add(Problem.Error(ProblemCodes.ReplyTooLong, path,
                $"The {name} reply has {reply.Length} characters; a reply may have at most {CategoryConfig.ReplyMaxLength}: shorten it."));
            return;
        }

        var count = SegmentCounter.Count(reply);
        if (count.Segments > 1)
        {
            problems.Add(Problem.Warning(ProblemCodes.ReplySegments, path, SegmentsMessage(name, reply, count)));
        }

        try
        {
            LintReply(category, reply, path, walk, problems);
        }
        catch (RegexMatchTimeoutException)
        {
            // Lint is advice: a text too odd to scan in time gets none rather than failing the validation.
        }
    }

    private static string SegmentsMessage(string name, string reply, SegmentCount count)
    {
        var single = count.Encoding == SmsEncoding.Gsm7 ? SegmentCounter.Gsm7Single : SegmentCounter.Ucs2Single;
        var message = $"The {name} reply takes {count.Segments} SMS segments ({count.EncodingName}, {count.Units} units; one segment holds {single}), and each segment is billed: shorten it";
        if (count.Encoding == SmsEncoding.Ucs2 && reply.Length <= SegmentCounter.Gsm7Single)
        {
            var culprit = reply.EnumerateRunes().First(r => r.Utf16SequenceLength > 1 || (!SegmentCounter.IsGsm7Basic((char)r.Value) && !SegmentCounter.IsGsm7Extension((char)r.Value)));
            message += $", or replace “{culprit}”, which is not in the GSM-7 alphabet and makes the whole reply UCS-2";
        }

        return message + ".";
    }

    private static void LintReply(KeywordCategory category, string reply, string path, Walk walk, List<Problem> problems)
    {
        switch (category)
        {
            case KeywordCategory.OptOut:
                var marketing = ReplyLint.FindMarketing(reply, walk.Brand);
                if (marketing.Count > 0)
                {
                    problems.Add(Problem.Warning(ProblemCodes.LintOptOutMarketing, path,
                        $"The opt-out confirmation holds a link or promotional wording ({string.Join(", ", marketing.Take(5).Select(m => KeywordRules.Quote(m)))}): after an opt-out send only the confirmation. Remove it."));
                }

                break;
            case KeywordCategory.OptIn:
                var missing = ReplyLint.MissingDisclosures(reply, walk.Brand, walk.HelpKeys, walk.OptOutKeys);
                if (missing.Count > 0)
                {
                    problems.Add(Problem.Warning(ProblemCodes.LintOptInDisclosure, path,
                        $"The opt-in confirmation lacks {JoinAnd(missing)}: carriers expect all four in it. Add them."));
                }

                break;
            case KeywordCategory.Help:
                if (!ReplyLint.HasContact(reply))
                {
                    problems.Add(Problem.Warning(ProblemCodes.LintHelpContact, path,
                        "The help reply gives no contact: add a phone number, an e-mail address or a web address where subscribers get help."));
                }

                break;
        }
    }

    /// <summary>
    /// lint.canada, read as: a Canadian who texts ARRET (opt-out) or AIDE (help) gets an answer from a set meant
    /// for French speakers. That is, the match key is a keyword of that category, with a non-blank reply, in the
    /// CA override or in a French (<c>fr</c>) language override, or in the global set when the default language
    /// is French. A keyword answered by the global English set alone does not count.
    /// </summary>
    private static void CheckCanada(ServiceConfig config, IReadOnlyList<SetInfo> sets, SetInfo canada, List<Problem> problems)
    {
        var frenchSets = sets.Where(s => s.Kind switch
        {
            SetKind.Country => string.Equals(s.Code, CanadaCountryCode, StringComparison.OrdinalIgnoreCase),
            SetKind.Language => string.Equals(s.Code, FrenchLanguageCode, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(config.DefaultLanguage, FrenchLanguageCode, StringComparison.OrdinalIgnoreCase),
        }).ToList();

        bool Answered(KeywordCategory category, string key) => frenchSets.Any(s =>
            s.Keys[(int)category].Contains(key) && !string.IsNullOrWhiteSpace(s.Set[category]?.Reply));

        var missing = new List<string>();
        if (!Answered(KeywordCategory.OptOut, CanadaFrenchOptOut))
        {
            missing.Add($"{CanadaFrenchOptOut} (opt-out)");
        }

        if (!Answered(KeywordCategory.Help, CanadaFrenchHelp))
        {
            missing.Add($"{CanadaFrenchHelp} (help)");
        }

        if (missing.Count > 0)
        {
            problems.Add(Problem.Warning(ProblemCodes.LintCanada, canada.Path,
                $"Canadian subscribers may answer in French, but {JoinAnd(missing)} {(missing.Count == 1 ? "is" : "are")} not answered in French: add {(missing.Count == 1 ? "it" : "them")} with a French reply to the {canada.Code} override or to a French (fr) language override."));
        }
    }

    private static string JoinAnd(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => string.Empty,
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    private static List<SetInfo> SetsOf(ServiceConfig config)
    {
        var sets = new List<SetInfo> { new(ConfigPaths.Global, config.Global ?? new KeywordSet(), SetKind.Global, string.Empty, 0) };
        var languages = config.Languages ?? [];
        for (var i = 0; i < languages.Count; i++)
        {
            if (languages[i] is { } l)
            {
                sets.Add(new(ConfigPaths.LanguageSet(languages, i), l, SetKind.Language, l.Language ?? string.Empty, i));
            }
        }

        var countries = config.Countries ?? [];
        for (var i = 0; i < countries.Count; i++)
        {
            if (countries[i] is { } c)
            {
                sets.Add(new(ConfigPaths.CountrySet(countries, i), c, SetKind.Country, c.Country ?? string.Empty, i));
            }
        }

        return sets;
    }

    private enum SetKind
    {
        Global,
        Language,
        Country,
    }

    private sealed class SetInfo(string path, KeywordSet set, SetKind kind, string code, int position)
    {
        public string Path { get; } = path;

        public KeywordSet Set { get; } = set;

        public SetKind Kind { get; } = kind;

        public string Code { get; } = code;

        /// <summary>The index in its list (languages or countries).</summary>
        public int Position { get; } = position;

        /// <summary>The match keys of each category's keywords, indexed by <see cref="KeywordCategory"/>.</summary>
        public string[][] Keys { get; } = KeywordCategories.All
            .Select(c => (set[c]?.Keywords ?? []).Select(k => KeywordRules.Key(k)).ToArray())
            .ToArray();

        public string Describe() => Kind switch
        {
            SetKind.Global => "the global set",
            SetKind.Language => $"the language override {Path}",
            _ => $"the country override {Path}",
        };
    }

    /// <summary>What the walk over the document has seen so far, and what lint needs of the whole service.</summary>
    private sealed class Walk(ServiceConfig config, IReadOnlyList<SetInfo> sets)
    {
        /// <summary>Per match key, its first keyword in document order (keyword.conflict).</summary>
        public Dictionary<string, (KeywordCategory Category, string Path)> FirstOccurrence { get; } = new(StringComparer.Ordinal);

        /// <summary>Per match key and category, the first language set holding it (keyword.shadowed).</summary>
        public Dictionary<(string Key, KeywordCategory Category), (string SetPath, string Path)> FirstLanguageSet { get; } = [];

        public string Brand { get; } = config.FriendlyName ?? string.Empty;

        /// <summary>Every help keyword of the service, and HELP itself: any of them tells how to get help.</summary>
        public IReadOnlySet<string> HelpKeys { get; } = KeysOf(sets, KeywordCategory.Help);

        public IReadOnlySet<string> OptOutKeys { get; } = KeysOf(sets, KeywordCategory.OptOut);

        private static HashSet<string> KeysOf(IReadOnlyList<SetInfo> sets, KeywordCategory category)
        {
            var keys = new HashSet<string>(sets.SelectMany(s => s.Keys[(int)category]).Where(k => k.Length > 0), StringComparer.Ordinal)
            {
                DefaultKeywords.Reserved(category),
            };
            return keys;
        }
    }
}
