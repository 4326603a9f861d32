using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Simulation;

/// <summary>One country and one category of the preview: an entry per probed keyword.</summary>
public sealed record PreviewCell(string Country, KeywordCategory Category, IReadOnlyList<PreviewEntry> Entries);
