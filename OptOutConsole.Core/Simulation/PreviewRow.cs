namespace OptOutConsole.Core.Simulation;

/// <summary>One country of the preview: its cells in category order (opt-out, opt-in, help).</summary>
/// <param name="Country">ISO alpha-2 code.</param>
/// <param name="CountryName">English short name.</param>
/// <param name="HasOverride">True when the service has a country override for it.</param>
/// <param name="Cells">One per category.</param>
public sealed record PreviewRow(string Country, string CountryName, bool HasOverride, IReadOnlyList<PreviewCell> Cells);
