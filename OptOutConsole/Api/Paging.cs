using System.Globalization;

namespace OptOutConsole.Api;

/// <summary>
/// The <c>page</c> and <c>pageSize</c> query parameters of the list endpoints (pages count from 1), read as text so
/// that "abc", "1.5" or a number too big for an int gets a message naming the parameter instead of a binding error.
/// </summary>
internal static class Paging
{
    /// <summary>
    /// The page and size, or the 400 to send (code <paramref name="code"/>, path the parameter). Text that is no whole
    /// number is always a 400; with <paramref name="clampWholeNumbers"/> a whole number out of range is brought into it
    /// (page at least 1, size 1 to <paramref name="maxSize"/>) as the block list always did, else it is a 400 too.
    /// </summary>
    public static (int Page, int Size, IResult? Error) Parse(string? page, string? pageSize, int defaultSize, int maxSize, string code, bool clampWholeNumbers = false)
    {
        if (!TryWhole(page, 1, out var number) || (number < 1 && !clampWholeNumbers))
        {
            return (0, 0, ApiProblems.BadRequest($"'page' ({page}) must be a whole number from 1 (pages count from 1).", code, "page"));
        }

        if (!TryWhole(pageSize, defaultSize, out var size) || ((size < 1 || size > maxSize) && !clampWholeNumbers))
        {
            return (0, 0, ApiProblems.BadRequest($"'pageSize' ({pageSize}) must be a whole number from 1 to {maxSize}.", code, "pageSize"));
        }

        return (Math.Max(1, number), Math.Clamp(size, 1, maxSize), null);
    }

    /// <summary>How many rows come before <paramref name="page"/>; past the last row (as an int can count) it stays there.</summary>
    public static int Skip(int page, int size) => (int)Math.Min((long)(page - 1) * size, int.MaxValue);

    private static bool TryWhole(string? text, int fallback, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
