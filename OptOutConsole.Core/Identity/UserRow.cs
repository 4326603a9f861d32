namespace OptOutConsole.Core.Identity;

/// <summary>A line of the users page.</summary>
public sealed record UserRow(string Id, string Email, string? Role, bool LockedOut, DateTimeOffset? LockoutEnd, int FailedAttempts, DateTimeOffset CreatedAt);
