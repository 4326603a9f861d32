using PhoneNumberFormat = PhoneNumbers.PhoneNumberFormat;
using PhoneNumberType = PhoneNumbers.PhoneNumberType;
using PhoneNumberUtil = PhoneNumbers.PhoneNumberUtil;

namespace OptOutConsole.Core.Phones;

/// <summary>Example mobile numbers per country (libphonenumber's), for the simulator's "a sender from this country".</summary>
public static class ExampleNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>An example mobile number of <paramref name="region"/> (ISO alpha-2) in E.164, or null when libphonenumber has none.</summary>
    public static string? Mobile(string? region)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return null;
        }

        var code = region.Trim().ToUpperInvariant();
        var number = Util.GetExampleNumberForType(code, PhoneNumberType.MOBILE) ?? Util.GetExampleNumber(code);
        return number is null ? null : Util.Format(number, PhoneNumberFormat.E164);
    }
}
