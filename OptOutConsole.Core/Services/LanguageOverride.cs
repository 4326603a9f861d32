using System.Text.Json.Serialization;

namespace OptOutConsole.Core.Services;

/// <summary>A language override: a keyword set for one ISO 639-1 language (not the service's default language).</summary>
public sealed class LanguageOverride : KeywordSet
{
    [JsonPropertyOrder(-1)]
    public string Language { get; set; } = string.Empty;

    public LanguageOverride Clone()
    {
        var copy = new LanguageOverride { Language = Language };
        CopyTo(copy);
        return copy;
    }
}
