namespace OptOutConsole.Core.Keywords;

/// <summary>The built-in keywords of the global set (DESIGN 1) and the reserved ones that can be neither removed nor moved.</summary>
public static class DefaultKeywords
{
    public static readonly IReadOnlyList<string> OptOut = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
    public static readonly IReadOnlyList<string> OptIn = ["START", "YES", "UNSTOP"];
    public static readonly IReadOnlyList<string> Help = ["HELP", "INFO"];

    /// <summary>The opt-out words the FCC's 2024 revocation rule names (lint.fcc-word).</summary>
    public static readonly IReadOnlyList<string> FccOptOutWords = ["STOP", "QUIT", "END", "REVOKE", "OPTOUT", "CANCEL", "UNSUBSCRIBE"];

    /// <summary>The custom keywords a category of one set may hold beyond the defaults.</summary>
    public const int MaxCustomPerCategory = 20;

    public static IReadOnlyList<string> For(KeywordCategory category) => category switch
    {
        KeywordCategory.OptOut => OptOut,
        KeywordCategory.OptIn => OptIn,
        KeywordCategory.Help => Help,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>The reserved keyword of a category: STOP, START or HELP; always first in the global set.</summary>
    public static string Reserved(KeywordCategory category) => For(category)[0];

    /// <summary>True when <paramref name="keyword"/> (by match key) is one of the category's built-in defaults.</summary>
    public static bool IsDefault(KeywordCategory category, string keyword)
    {
        var key = MatchKey.Compute(keyword);
        foreach (var d in For(category))
        {
            if (d == key)
            {
                return true;
            }
        }

        return false;
    }
}
