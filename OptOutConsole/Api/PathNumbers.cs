using OptOutConsole.Core.Phones;

namespace OptOutConsole.Api;

/// <summary>A phone number given in a URL path (<c>.../recipients/{e164}</c>, <c>/subscribers/{e164}</c>): percent-decoded, trimmed, E.164.</summary>
internal static class PathNumbers
{
    /// <summary>The number in E.164, or the 400 to send (code <c>number.invalid</c>, path <c>e164</c>).</summary>
    public static (string? E164, IResult? Error) Parse(string number)
    {
        var e164 = E164.Normalize(Uri.UnescapeDataString(number).Trim());
        return e164 is null
            ? (null, ApiProblems.BadRequest($"'{number}' is not a valid phone number in E.164 form (e.g. +14155550123).", "number.invalid", "e164"))
            : (e164, null);
    }
}
