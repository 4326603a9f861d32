namespace OptOutConsole.Core.Tracking;

/// <summary>A matched keyword of one type and how many events it caused.</summary>
public sealed record KeywordCount(string Type, string Keyword, long Count);
