namespace OptOutConsole.Core.Tracking;

/// <summary>One row of a breakdown: a code (country, language set, keyword), its display name and its events.</summary>
public sealed record NamedCount(string Key, string Name, long Count);
