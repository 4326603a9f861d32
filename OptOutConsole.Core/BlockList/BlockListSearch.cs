using OptOutConsole.Core.Phones;

namespace OptOutConsole.Core.BlockList;

/// <summary>
/// What a search box's text means for the block list: a whole number in any common format (normalised to E.164 with
/// the default country) finds that number; otherwise its digits (at least <see cref="MinDigits"/>) find every number
/// that contains them. Anything else finds everything.
/// </summary>
public sealed record BlockListSearch(string? Number, string? Digits)
{
    public const int MinDigits = 2;

    public static readonly BlockListSearch Everything = new(null, null);

    public bool IsEverything => Number is null && Digits is null;

    public static BlockListSearch Parse(string? text, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        if (E164.Normalize(text, defaultRegion) is { } e164)
        {
            return new BlockListSearch(e164, null);
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= MinDigits ? new BlockListSearch(null, digits) : Everything;
    }

    /// <summary>A sentence saying what is searched, for the page.</summary>
    public string Describe() => Number is not null
        ? $"Showing the number {Number}"
        : Digits is not null ? $"Showing numbers containing {Digits}" : "Showing every number";
}
