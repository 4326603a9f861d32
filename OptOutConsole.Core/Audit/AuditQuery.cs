namespace OptOutConsole.Core.Audit;

/// <summary>Filters of the audit page.</summary>
public sealed record AuditQuery(string? Area = null, string? Actor = null, string? Text = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
