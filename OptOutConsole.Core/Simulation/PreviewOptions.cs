namespace OptOutConsole.Core.Simulation;

/// <summary>Settings of the preview matrix: <c>Preview:Countries</c>, the common countries shown besides the override countries.</summary>
public sealed class PreviewOptions
{
    public const string Section = "Preview";

    /// <summary>The common countries when <c>Preview:Countries</c> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultCountries = ["US", "CA", "GB", "MX", "ES", "FR", "DE", "BR", "IN", "AU"];

    /// <summary>Comma-separated ISO alpha-2 codes, e.g. <c>US,CA,GB</c> (also as <c>Preview__Countries</c>).</summary>
    public string? Countries { get; set; }

    /// <summary>The configured codes (upper case, known ones only, in order, once each), else <see cref="DefaultCountries"/>.</summary>
    public IReadOnlyList<string> CommonCountries()
    {
        var codes = (Countries ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant())
            .Where(Reference.Countries.IsKnown)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return codes.Count == 0 ? DefaultCountries : codes;
    }
}
