using System.Security.Claims;
using OptOutConsole.Core.Identity;

namespace OptOutConsole.Core.Tracking;

/// <summary>Who sees full phone numbers (DESIGN 6: Admin and Compliance) and how the others see them.</summary>
public static class PhoneMask
{
    public const string Dots = "•••";

    /// <summary>True when <paramref name="user"/> may see full numbers; Marketers (and anyone else) see masked ones.</summary>
    public static bool SeesFullNumbers(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Compliance);

    /// <summary>The number as <paramref name="user"/> may see it.</summary>
    public static string For(ClaimsPrincipal user, string number) => SeesFullNumbers(user) ? number : Mask(number);

    /// <summary>
    /// Keeps the plus sign, the first four digits (country and area code) and the last four: <c>+14155550123</c>
    /// becomes <c>+1415•••0123</c>. A shorter number keeps only its last two digits, so no mask shows a whole number.
    /// </summary>
    public static string Mask(string number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return string.Empty;
        }

        var plus = number.StartsWith('+') ? "+" : string.Empty;
        var digits = number[plus.Length..];
        return digits.Length >= 10
            ? plus + digits[..4] + Dots + digits[^4..]
            : plus + Dots + (digits.Length > 2 ? digits[^2..] : string.Empty);
    }
}
