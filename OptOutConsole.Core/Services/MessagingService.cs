namespace OptOutConsole.Core.Services;

/// <summary>A messaging service as stored: its identity, its current config document and its version.</summary>
public sealed class MessagingService
{
    public const int SidLength = 34;

    /// <summary><c>MG</c> followed by 32 lowercase hex digits.</summary>
    public required string Sid { get; set; }

    public required string FriendlyName { get; set; }

    public string? Description { get; set; }

    /// <summary>The current config version number; also the optimistic-concurrency token and the API's ETag.</summary>
    public int Version { get; set; }

    /// <summary>The current config document as JSON (the same text as the current <see cref="ConfigVersion"/>).</summary>
    public required string ConfigJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ServiceSender> Senders { get; set; } = [];

    public static string NewSid() => "MG" + Guid.NewGuid().ToString("N");

    public static bool IsValidSid(string? sid) =>
        sid is { Length: SidLength } && sid.StartsWith("MG", StringComparison.Ordinal) && sid.AsSpan(2).ContainsAnyExcept("0123456789abcdef") == false;
}
