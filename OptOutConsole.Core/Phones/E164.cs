using PhoneNumberFormat = PhoneNumbers.PhoneNumberFormat;
using PhoneNumberUtil = PhoneNumbers.PhoneNumberUtil;
using NumberParseException = PhoneNumbers.NumberParseException;

namespace OptOutConsole.Core.Phones;

/// <summary>
/// Phone numbers as the service stores them: E.164. A number is accepted when libphonenumber can read it and its
/// length is possible for its country code (<c>IsPossibleNumber</c>), not only when it lies in an allocated range
/// (<c>IsValidNumber</c>): test and fictional numbers such as +1 555 123 4567 or +44 7700 900123 are phone numbers
/// a provider can deliver from, and DESIGN 3.2 classifies a sender whose country cannot be read by the
/// <c>FromCountry</c> hint. The region (<see cref="RegionOf"/>) still comes only from a valid number
/// (docs/decisions/sender-validity.md). Named so as not to clash with libphonenumber's <c>PhoneNumbers</c> namespace.
/// </summary>
public static class E164
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// False for text with a letter in it. libphonenumber reads letters as keypad digits ("1-800-FLOWERS") and picks a
    /// number out of surrounding text; a sender's address is never written so, and reading it so would turn random
    /// text into a possible number. Any separator libphonenumber knows (non-breaking spaces, dashes, slashes,
    /// fullwidth digits) is still fine.
    /// </summary>
    public static bool IsWrittenAsNumber(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The E.164 form (<c>+14155550123</c>) of <paramref name="number"/>, or null when it is not a phone number.
    /// A national format (<c>(415) 555-0123</c>) needs <paramref name="defaultRegion"/> (ISO alpha-2).
    /// </summary>
    public static string? Normalize(string? number, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(number) || !IsWrittenAsNumber(number))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(number, string.IsNullOrWhiteSpace(defaultRegion) ? null : defaultRegion.Trim().ToUpperInvariant());
            return IsAcceptable(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>True when libphonenumber reads national numbers for <paramref name="region"/> (upper-case), e.g. XK, which ISO 3166-1 does not list.</summary>
    public static bool IsNumberingRegion(string region) => Util.GetSupportedRegions().Contains(region);

    /// <summary>A parsed number the console accepts: valid, or of a possible full length for its country code (not a local-only length).</summary>
    public static bool IsAcceptable(PhoneNumbers.PhoneNumber parsed) =>
        Util.IsValidNumber(parsed) || Util.IsPossibleNumberWithReason(parsed) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;

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
