namespace OptOutConsole.Core.Services;

/// <summary>A line of the services list.</summary>
public sealed record ServiceSummary(string Sid, string FriendlyName, string? Description, int Version, DateTimeOffset UpdatedAt, int SenderCount);
