using PhoneNumberFormat = PhoneNumbers.PhoneNumberFormat;
using PhoneNumberUtil = PhoneNumbers.PhoneNumberUtil;
using NumberParseException = PhoneNumbers.NumberParseException;

namespace OptOutConsole.Core.Phones;

/// <summary>
/// Phone numbers as the service stores them: E.164 (libphonenumber decides what is valid). Named so as not to
/// clash with libphonenumber's <c>PhoneNumbers</c> namespace.
/// </summary>
public static class E164
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The E.164 form (<c>+14155550123</c>) of <paramref name="number"/>, or null when it is not a valid number.
    /// A national format (<c>(415) 555-0123</c>) needs <paramref name="defaultRegion"/> (ISO alpha-2).
    /// </summary>
    public static string? Normalize(string? number, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(number, string.IsNullOrWhiteSpace(defaultRegion) ? null : defaultRegion.Trim().ToUpperInvariant());
            return Util.IsValidNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The ISO alpha-2 region of an E.164 number (<c>+14165550123</c> is <c>CA</c>), or null when the number does
    /// not parse or belongs to no region (a reserved range, a non-geographic code).
    /// </summary>
    public static string? RegionOf(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164))
        {
            return null;
        }

        try
        {
            var region = Util.GetRegionCodeForNumber(Util.Parse(e164, null));
            return string.IsNullOrEmpty(region) || region == "ZZ" || region == "001" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
