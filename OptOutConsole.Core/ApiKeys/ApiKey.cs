namespace OptOutConsole.Core.ApiKeys;

/// <summary>An API key: only a hash of its secret is stored.</summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 64;

    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown so people can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key, hex.</summary>
    public required string Hash { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
