namespace OptOutConsole.Core.Audit;

/// <summary>One recorded change: who did what to which thing, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user name, "api-key:NAME", or "system".</summary>
    public required string Actor { get; set; }

    /// <summary>service, config, user, api-key, block-list, test-case.</summary>
    public required string Area { get; set; }

    /// <summary>created, updated, deleted, rolled-back, revoked, added, removed, imported, ...</summary>
    public required string Action { get; set; }

    /// <summary>The thing changed: a service SID, a user name, a key name, a number.</summary>
    public required string Target { get; set; }

    public string? Details { get; set; }
}
