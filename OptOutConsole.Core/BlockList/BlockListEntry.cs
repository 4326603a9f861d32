namespace OptOutConsole.Core.BlockList;

/// <summary>A number on a service's block list (kept once per service).</summary>
public sealed class BlockListEntry
{
    public required string ServiceSid { get; set; }

    /// <summary>E.164.</summary>
    public required string Number { get; set; }

    public DateTimeOffset OptedOutAt { get; set; }

    public string? Keyword { get; set; }

    /// <summary>One of <see cref="BlockListSources"/>.</summary>
    public required string Source { get; set; }

    public string? MessageSid { get; set; }
}
