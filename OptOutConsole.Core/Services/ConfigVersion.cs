namespace OptOutConsole.Core.Services;

/// <summary>An immutable saved version of a service's config document.</summary>
public sealed class ConfigVersion
{
    public long Id { get; set; }

    public required string ServiceSid { get; set; }

    public int Version { get; set; }

    public required string ConfigJson { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What the save was: "created", "saved", "rolled back to v3", "imported".</summary>
    public required string Summary { get; set; }

    public int WarningCount { get; set; }
}
