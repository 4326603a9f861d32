namespace OptOutConsole.Core.Privacy;

/// <summary>A secret the console makes once and keeps in its database (the key of <see cref="SubscriberHasher"/>), by name.</summary>
public sealed class ConsoleSecret
{
    public const int NameMaxLength = 64;

    public required string Name { get; set; }

    /// <summary>Base64.</summary>
    public required string Value { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
