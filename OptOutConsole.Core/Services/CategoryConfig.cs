namespace OptOutConsole.Core.Services;

/// <summary>One category of a keyword set: its keywords and its confirmation reply.</summary>
public sealed class CategoryConfig
{
    /// <summary>The longest reply (reply.too-long).</summary>
    public const int ReplyMaxLength = 1600;

    public List<string> Keywords { get; set; } = [];

    /// <summary>The confirmation reply; blank in an override means "fall back" (DESIGN 3.3).</summary>
    public string? Reply { get; set; }

    public CategoryConfig Clone() => new() { Keywords = [.. Keywords], Reply = Reply };
}
