using System.Text.Json.Serialization;

namespace OptOutConsole.Core.Services;

/// <summary>A country override: a keyword set for one ISO 3166-1 alpha-2 country.</summary>
public sealed class CountryOverride : KeywordSet
{
    [JsonPropertyOrder(-1)]
    public string Country { get; set; } = string.Empty;

    public CountryOverride Clone()
    {
        var copy = new CountryOverride { Country = Country };
        CopyTo(copy);
        return copy;
    }
}
