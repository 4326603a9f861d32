using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Validation;

/// <summary>
/// The paths problems name, in the config document's own property names (DESIGN 5.2):
/// <list type="bullet">
/// <item>top-level fields by name: <c>friendlyName</c>, <c>description</c>, <c>defaultLanguage</c>, <c>webhookUrl</c>;
/// a sender by its zero-based index: <c>senders[1]</c>.</item>
/// <item>the global set as <c>global</c>; an override set by its code in brackets: <c>languages[es]</c>,
/// <c>countries[MX]</c>. When the code cannot name the set (blank, not made of ASCII letters only, or already
/// used by an earlier set of the same list) the set is named by its zero-based position instead:
/// <c>countries[3]</c>. Valid codes are letters, so the two forms never clash.</item>
/// <item>a set's code field: <c>languages[es].language</c>, <c>countries[3].country</c>.</item>
/// <item>a category's keyword list: <c>global.optOut.keywords</c>; one keyword by its zero-based index in that
/// list: <c>global.optOut.keywords[3]</c>; a reply: <c>countries[MX].help.reply</c>.</item>
/// </list>
/// The editor uses these helpers to find the field a problem belongs to.
/// </summary>
public static class ConfigPaths
{
    public const string FriendlyName = "friendlyName";
    public const string Description = "description";
    public const string DefaultLanguage = "defaultLanguage";
    public const string Senders = "senders";
    public const string WebhookUrl = "webhookUrl";
    public const string Global = "global";
    public const string OptOutIntent = "optOutIntent";
    public const string OptOutIntentMode = "optOutIntent.mode";

    /// <summary><c>optOutIntent.phrases[2]</c> or <c>optOutIntent.ignore[0]</c>.</summary>
    public static string IntentPhrase(string list, int index) => $"{OptOutIntent}.{list}[{index}]";

    public static string Sender(int index) => $"{Senders}[{index}]";

    /// <summary>The path of the language override at <paramref name="index"/> of <paramref name="languages"/>.</summary>
    public static string LanguageSet(IReadOnlyList<LanguageOverride?> languages, int index) =>
        Address("languages", languages.Select(l => l?.Language).ToList(), index);

    /// <summary>The path of the country override at <paramref name="index"/> of <paramref name="countries"/>.</summary>
    public static string CountrySet(IReadOnlyList<CountryOverride?> countries, int index) =>
        Address("countries", countries.Select(c => c?.Country).ToList(), index);

    public static string LanguageCode(string setPath) => setPath + ".language";

    public static string CountryCode(string setPath) => setPath + ".country";

    public static string Category(string setPath, KeywordCategory category) => $"{setPath}.{category.ToPathName()}";

    public static string Keywords(string setPath, KeywordCategory category) => Category(setPath, category) + ".keywords";

    public static string Keyword(string setPath, KeywordCategory category, int index) => $"{Keywords(setPath, category)}[{index}]";

    public static string Reply(string setPath, KeywordCategory category) => Category(setPath, category) + ".reply";

    internal static string Address(string list, IReadOnlyList<string?> codes, int index)
    {
        var code = codes[index];
        var usable = !string.IsNullOrEmpty(code) && code.All(char.IsAsciiLetter);
        for (var i = 0; usable && i < index; i++)
        {
            usable = !string.Equals(codes[i], code, StringComparison.Ordinal);
        }

        return usable ? $"{list}[{code}]" : $"{list}[{index}]";
    }
}
