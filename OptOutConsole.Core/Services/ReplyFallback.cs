using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Services;

/// <summary>
/// What a blank override reply falls back to (DESIGN 3.3), in words for the editor. A country set's blank reply
/// gives way to the language set holding the keyword, then the global set; a language set's blank reply gives way
/// to the sender's country set, then the global set.
/// </summary>
public static class ReplyFallback
{
    /// <summary>The hint for a blank reply of <paramref name="category"/> in a country (or else a language) override.</summary>
    public static string Hint(bool isCountryOverride, KeywordCategory category)
    {
        var name = category.ToDisplayName().ToLowerInvariant();
        return isCountryOverride
            ? $"Blank: falls back to the {name} reply of the language override holding the keyword, else the global {name} reply."
            : $"Blank: falls back to the {name} reply of the sender's country override, else the global {name} reply.";
    }
}
