namespace OptOutConsole.Core.BlockList;

/// <summary>How a number came onto the block list (DESIGN 1).</summary>
public static class BlockListSources
{
    public const string Keyword = "keyword";
    public const string Manual = "manual";
    public const string Import = "import";
    public const string Provider = "provider";

    public static readonly IReadOnlyList<string> All = [Keyword, Manual, Import, Provider];
}
