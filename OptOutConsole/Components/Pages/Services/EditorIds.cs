using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Components.Pages.Services;

/// <summary>
/// Stable element ids of the editor's fields, for tests and for the Lint tab, which scrolls to the field a
/// problem's path names.
/// </summary>
public static class EditorIds
{
    /// <summary><c>global</c>, <c>languages[es]</c> → <c>global</c>, <c>languages-es</c>.</summary>
    public static string Set(string setPath) => setPath.Replace("[", "-", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);

    public static string KeywordInput(string setPath, KeywordCategory category) => $"keyword-input-{Set(setPath)}-{category.ToPathName()}";

    public static string KeywordError(string setPath, KeywordCategory category) => $"keyword-input-error-{Set(setPath)}-{category.ToPathName()}";

    public static string KeywordCount(string setPath, KeywordCategory category) => $"keyword-count-{Set(setPath)}-{category.ToPathName()}";

    public static string Reply(string setPath, KeywordCategory category) => $"reply-{Set(setPath)}-{category.ToPathName()}";

    public static string Override(string setPath) => $"override-{Set(setPath)}";

    public const string SenderInput = "sender-input";

    /// <summary>The free-text opt-out mode's radio group (on the Opt-out tab).</summary>
    public const string IntentMode = "intent-mode";

    /// <summary><c>phrases</c> or <c>ignore</c>: the input that adds to that list of <c>optOutIntent</c>.</summary>
    public static string IntentPhraseInput(string list) => $"intent-{list}-input";

    public static string IntentPhraseError(string list) => $"intent-{list}-input-error";

    public static string IntentPhraseCount(string list) => $"intent-{list}-count";

    /// <summary>The id of the element that edits the field <paramref name="path"/> names (a problem's path).</summary>
    public static string ForPath(string path)
    {
        path ??= string.Empty;
        if (path.StartsWith(ConfigPaths.Senders, StringComparison.Ordinal))
        {
            return SenderInput;
        }

        if (ProblemScope.IsUnder(path, ConfigPaths.OptOutIntent))
        {
            // optOutIntent.phrases[2] → the phrases input; optOutIntent.mode (or the section) → the mode.
            var rest = path[ConfigPaths.OptOutIntent.Length..].TrimStart('.');
            var list = rest.Split('[')[0];
            return list is "phrases" or "ignore" ? IntentPhraseInput(list) : IntentMode;
        }

        string setPath;
        if (path.StartsWith(ConfigPaths.Global, StringComparison.Ordinal))
        {
            setPath = ConfigPaths.Global;
        }
        else if (path.StartsWith("languages[", StringComparison.Ordinal) || path.StartsWith("countries[", StringComparison.Ordinal))
        {
            setPath = path[..(path.IndexOf(']', StringComparison.Ordinal) + 1)];
        }
        else
        {
            return $"field-{path}";
        }

        foreach (var category in KeywordCategories.All)
        {
            if (path.StartsWith(ConfigPaths.Reply(setPath, category), StringComparison.Ordinal))
            {
                return Reply(setPath, category);
            }

            if (path.StartsWith(ConfigPaths.Category(setPath, category), StringComparison.Ordinal))
            {
                return KeywordInput(setPath, category);
            }
        }

        return setPath == ConfigPaths.Global ? KeywordInput(setPath, KeywordCategory.OptOut) : Override(setPath);
    }
}
