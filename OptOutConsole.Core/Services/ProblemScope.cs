using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Core.Services;

/// <summary>
/// Finds the problems that belong to one field of the editor, and the editor section a problem's path names
/// (paths as <see cref="ConfigPaths"/> writes them).
/// </summary>
public static class ProblemScope
{
    /// <summary>
    /// The problems whose path is <paramref name="prefix"/> or lies under it: <c>global.optOut.keywords</c> takes
    /// <c>global.optOut.keywords</c> and <c>global.optOut.keywords[3]</c>, not <c>global.optOut.reply</c>.
    /// </summary>
    public static IEnumerable<Problem> Under(IEnumerable<Problem> problems, string prefix)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Where(p => IsUnder(p.Path, prefix));
    }

    /// <summary>The problems exactly at <paramref name="path"/>.</summary>
    public static IEnumerable<Problem> At(IEnumerable<Problem> problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Where(p => string.Equals(p.Path, path, StringComparison.Ordinal));
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="prefix"/> or a field or item inside it.</summary>
    public static bool IsUnder(string path, string prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return true;
        }

        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return path.Length == prefix.Length || path[prefix.Length] is '.' or '[';
    }

    /// <summary>The editor section of a problem path: <c>languages[es].optOut.reply</c> is in the overrides.</summary>
    public static EditorSection SectionOf(string path)
    {
        path ??= string.Empty;
        if (IsUnder(path, ConfigPaths.OptOutIntent))
        {
            // Free-text opt-out detection is edited on the Opt-out tab (DESIGN 3.5).
            return EditorSection.OptOut;
        }

        if (IsUnder(path, "languages") || IsUnder(path, "countries"))
        {
            return EditorSection.Overrides;
        }

        foreach (var category in KeywordCategories.All)
        {
            if (IsUnder(path, ConfigPaths.Category(ConfigPaths.Global, category)))
            {
                return category switch
                {
                    KeywordCategory.OptOut => EditorSection.OptOut,
                    KeywordCategory.OptIn => EditorSection.OptIn,
                    _ => EditorSection.Help,
                };
            }
        }

        // "global" alone (no category) is a set-level problem; the opt-out tab holds the reserved-keyword rules.
        return IsUnder(path, ConfigPaths.Global) ? EditorSection.OptOut : EditorSection.General;
    }
}
