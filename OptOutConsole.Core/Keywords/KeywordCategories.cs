namespace OptOutConsole.Core.Keywords;

/// <summary>Names of the categories as the API, the webhook and the UI show them.</summary>
public static class KeywordCategories
{
    public static readonly IReadOnlyList<KeywordCategory> All = [KeywordCategory.OptOut, KeywordCategory.OptIn, KeywordCategory.Help];

    /// <summary>The <c>OptOutType</c> value: STOP, START or HELP.</summary>
    public static string ToOptOutType(this KeywordCategory category) => category switch
    {
        KeywordCategory.OptOut => "STOP",
        KeywordCategory.OptIn => "START",
        KeywordCategory.Help => "HELP",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>Parses STOP, START or HELP (any case); null for anything else.</summary>
    public static KeywordCategory? FromOptOutType(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "STOP" => KeywordCategory.OptOut,
        "START" => KeywordCategory.OptIn,
        "HELP" => KeywordCategory.Help,
        _ => null,
    };

    /// <summary>The property name of the category in the config document and in validation paths.</summary>
    public static string ToPathName(this KeywordCategory category) => category switch
    {
        KeywordCategory.OptOut => "optOut",
        KeywordCategory.OptIn => "optIn",
        KeywordCategory.Help => "help",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>A label for people: Opt-out, Opt-in, Help.</summary>
    public static string ToDisplayName(this KeywordCategory category) => category switch
    {
        KeywordCategory.OptOut => "Opt-out",
        KeywordCategory.OptIn => "Opt-in",
        KeywordCategory.Help => "Help",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}
