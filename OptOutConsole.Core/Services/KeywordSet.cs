using System.Text.Json.Serialization;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Services;

/// <summary>A keyword set: the three categories. The global set is one; overrides derive from it.</summary>
public class KeywordSet
{
    public CategoryConfig OptOut { get; set; } = new();

    public CategoryConfig OptIn { get; set; } = new();

    public CategoryConfig Help { get; set; } = new();

    public CategoryConfig this[KeywordCategory category] => category switch
    {
        KeywordCategory.OptOut => OptOut,
        KeywordCategory.OptIn => OptIn,
        KeywordCategory.Help => Help,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    [JsonIgnore]
    public IEnumerable<(KeywordCategory Category, CategoryConfig Config)> Categories
    {
        get
        {
            yield return (KeywordCategory.OptOut, OptOut);
            yield return (KeywordCategory.OptIn, OptIn);
            yield return (KeywordCategory.Help, Help);
        }
    }

    /// <summary>Replaces missing parts (a JSON <c>null</c>) with empty ones.</summary>
    internal void Normalize()
    {
        OptOut ??= new();
        OptIn ??= new();
        Help ??= new();
        foreach (var (_, c) in Categories)
        {
            c.Keywords ??= [];
            c.Keywords = c.Keywords.Select(k => k ?? string.Empty).ToList();
        }
    }

    protected void CopyTo(KeywordSet target)
    {
        target.OptOut = OptOut.Clone();
        target.OptIn = OptIn.Clone();
        target.Help = Help.Clone();
    }

    public KeywordSet CloneSet()
    {
        var copy = new KeywordSet();
        CopyTo(copy);
        return copy;
    }
}
