using System.Text.RegularExpressions;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Validation;

/// <summary>
/// The compliance lint on reply texts (DESIGN 2: lint.optout-marketing, lint.optin-disclosure, lint.help-contact).
/// Word lists cover English, Spanish and French; matching is case-insensitive on whole words. They are
/// heuristics that raise warnings, never errors: a person decides.
/// </summary>
public static partial class ReplyLint
{
    /// <summary>
    /// The links and promotional words <paramref name="reply"/> holds, in the order they appear, each once; empty
    /// when none. The brand is removed first, so a brand such as "Daily Deals" is not promotional wording.
    /// </summary>
    public static IReadOnlyList<string> FindMarketing(string reply, string? brand)
    {
        var text = string.IsNullOrWhiteSpace(brand) ? reply : reply.Replace(brand.Trim(), " ", StringComparison.OrdinalIgnoreCase);
        var found = new List<(int Index, string Text)>();
        Collect(LinkRegex(), text, found);
        Collect(PromoRegex(), text, found);
        return found.OrderBy(f => f.Index).Select(f => f.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The parts of an opt-in confirmation <paramref name="reply"/> lacks, as phrases for a message: the brand,
    /// how to get help (a help keyword), how to stop (an opt-out keyword), a message-rates notice.
    /// </summary>
    /// <param name="reply">The opt-in reply.</param>
    /// <param name="brand">The service's friendly name; not checked when blank.</param>
    /// <param name="helpKeys">Match keys of the service's help keywords.</param>
    /// <param name="optOutKeys">Match keys of the service's opt-out keywords.</param>
    public static IReadOnlyList<string> MissingDisclosures(
        string reply, string? brand, IReadOnlySet<string> helpKeys, IReadOnlySet<string> optOutKeys)
    {
        var missing = new List<string>();
        var brandKey = KeywordRules.Key(brand);
        if (brandKey.Length > 0 && !KeywordRules.Key(reply).Contains(brandKey, StringComparison.Ordinal))
        {
            missing.Add($"the brand (“{brand!.Trim()}”)");
        }

        var words = WordKeys(reply);
        if (!words.Overlaps(helpKeys))
        {
            missing.Add("how to get help (e.g. “Reply HELP for help”)");
        }

        if (!words.Overlaps(optOutKeys))
        {
            missing.Add("how to stop (e.g. “Reply STOP to opt out”)");
        }

        if (!RatesRegex().IsMatch(reply))
        {
            missing.Add("a message-rates notice (e.g. “Msg&data rates may apply”)");
        }

        return missing;
    }

    /// <summary>True when <paramref name="reply"/> holds a phone number (7 digits or more), an e-mail address or a URL.</summary>
    public static bool HasContact(string reply)
    {
        if (EmailRegex().IsMatch(reply) || LinkRegex().IsMatch(reply))
        {
            return true;
        }

        foreach (Match m in PhoneRegex().Matches(reply))
        {
            if (m.Value.Count(char.IsAsciiDigit) >= 7)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The match keys of every run of one to three consecutive words of <paramref name="text"/>, so that
    /// "Reply STOP", "opt-out" (OPTOUT) and "Répondez ARRÊT" (ARRET) are found whatever their case, accents or
    /// punctuation.
    /// </summary>
    internal static HashSet<string> WordKeys(string text)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var words = WordRegex().Matches(text).Select(m => KeywordRules.Key(m.Value)).Where(k => k.Length > 0).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var run = string.Empty;
            for (var n = 0; n < 3 && i + n < words.Count; n++)
            {
                run += words[i + n];
                if (run.Length > MatchKey.MaxLength)
                {
                    break;
                }

                keys.Add(run);
            }
        }

        return keys;
    }

    private static void Collect(Regex regex, string text, List<(int Index, string Text)> found)
    {
        foreach (Match m in regex.Matches(text))
        {
            found.Add((m.Index, m.Value.Trim().TrimEnd('.', ',', '!', '?', ')', ';', ':')));
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // http(s)://..., www...., or a bare domain with a common or link-shortener TLD (bit.ly/x, sushi.com). The TLD is
    // matched in lower case only so that "resubscribe.To" (a missing space) is not taken for a domain; a domain
    // right after "@" is an e-mail address, not a link.
    [GeneratedRegex(
        @"https?://\S+|\bwww\.\S+|(?<![@\p{L}\p{Nd}.-])[\p{L}\p{Nd}-]+(?:\.[\p{L}\p{Nd}-]+)*\.(?-i:com|net|org|info|biz|io|co|ly|gl|gd|me|us|ca|mx|uk|es|fr|de|app|link|shop|store|site|online|xyz|ai|to|cc|tv)\b(?:/\S*)?",
        Options, 1000)]
    private static partial Regex LinkRegex();

    [GeneratedRegex(
        @"\d+\s?%|"
        + @"\b(?:sales?|discounts?|percent\s+off|offers?|deals?|promos?|promotions?|promotional|coupons?|free|win|winners?|save|savings|limited[\s-]+time|shop|shopping|buy|bonus|exclusive|gifts?|vouchers?"
        + @"|ofertas?|descuentos?|promoci[oó]n(?:es)?|cup[oó]n(?:es)?|gratis|rebajas?|ahorra|ahorre|gana|compra|compre|tiempo\s+limitado|exclusiv[oa]s?|regalos?"
        + @"|offres?|soldes|r[ée]ductions?|remises?|gratuit(?:e|s|es)?|bons?\s+plans?|profitez|gagnez|achetez|[ée]conomisez|temps\s+limit[ée]|exclusi(?:f|ve|fs|ves)|cadeaux?|rabais)\b",
        Options, 1000)]
    private static partial Regex PromoRegex();

    [GeneratedRegex(
        @"\bmsg\s*(?:&|and|\+|y|et)?\s*data\b|\bmessages?\s+(?:and|&)\s+data\b|\bdata\s+rates\b|\brates?\s+(?:may\s+)?apply\b"
        + @"|\btarifas?\b|\bmensajes?\s+y\s+datos\b|\bcargos\b|\bfrais\b|\btarifs?\b",
        Options, 1000)]
    private static partial Regex RatesRegex();

    [GeneratedRegex(@"[\p{L}\p{Nd}._%+-]+@[\p{L}\p{Nd}-]+(?:\.[\p{L}\p{Nd}-]+)+", Options, 1000)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\+?\d[\d\s().-]{5,}\d", Options, 1000)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+", Options, 1000)]
    private static partial Regex WordRegex();
}
