using OptOutConsole.Core.Phones;

namespace OptOutConsole.Core.BlockList;

/// <summary>
/// What a search box's text means for the block list: a whole number in any common format (normalised to E.164 with
/// the default country) finds that number; otherwise its digits (at least <see cref="MinDigits"/>) find every number
/// that contains them. Anything else finds everything.
/// </summary>
/// <remarks>The API adds filters the page does not show: <see cref="Source"/> and a range of opt-out days.</remarks>
public sealed record BlockListSearch(string? Number, string? Digits)
{
    /// <summary>Only entries from this source (<see cref="BlockListSources"/>), or any.</summary>
    public string? Source { get; init; }

    /// <summary>Only entries opted out at or after this instant, or any.</summary>
    public DateTimeOffset? OptedOutFrom { get; init; }

    /// <summary>Only entries opted out before this instant, or any.</summary>
    public DateTimeOffset? OptedOutBefore { get; init; }

    public const int MinDigits = 2;

    public static readonly BlockListSearch Everything = new(null, null);

    public bool IsEverything => Number is null && Digits is null && Source is null && OptedOutFrom is null && OptedOutBefore is null;

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
