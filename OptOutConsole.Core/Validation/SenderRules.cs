using PhoneNumbers;

namespace OptOutConsole.Core.Validation;

/// <summary>
/// What a sender may be (sender.invalid): a short code of <see cref="ShortCodeMinLength"/>-<see cref="ShortCodeMaxLength"/>
/// ASCII digits (5-6 in the US and Canada; 3-8 elsewhere), or a phone number in E.164 form (<c>+</c>, the country
/// code, the number: no spaces or punctuation) that libphonenumber deems <em>valid</em> for its country, not just
/// possible. A provider only ever assigns numbers from allocated ranges, so the stricter check catches typos
/// (a digit too many, a wrong area code) that a length check lets through; the price is that fictional ranges
/// such as +44 7700 900xxx are refused.
/// </summary>
public static class SenderRules
{
    public const int ShortCodeMinLength = 3;
    public const int ShortCodeMaxLength = 8;

    /// <summary>E.164: at most 15 digits after the <c>+</c>.</summary>
    public const int E164MaxDigits = 15;

    private const string Example = "“+14155550123”";

    /// <summary>True when <paramref name="sender"/> is 3-8 ASCII digits.</summary>
    public static bool IsShortCode(string? sender) =>
        sender is { Length: >= ShortCodeMinLength and <= ShortCodeMaxLength } && sender.All(char.IsAsciiDigit);

    /// <summary>What is wrong with <paramref name="sender"/> as a plain-language sentence, or null when it is valid.</summary>
    public static string? Check(string? sender)
    {
        if (string.IsNullOrWhiteSpace(sender))
        {
            return "A sender is blank: enter a phone number in E.164 form such as " + Example + " or a short code, or remove it.";
        }

        if (IsShortCode(sender))
        {
            return null;
        }

        var shown = KeywordRules.Quote(sender);
        if (sender.All(char.IsAsciiDigit))
        {
            return $"{shown} is neither a short code (3-8 digits) nor an E.164 number: write a phone number with + and its country code, such as {Example}.";
        }

        var isE164Shape = sender.Length is >= 3 and <= E164MaxDigits + 1 && sender[0] == '+' && sender[1] != '0'
            && sender.AsSpan(1).ContainsAnyExcept("0123456789") == false;
        var parsed = TryParse(sender);
        if (isE164Shape)
        {
            return parsed is not null && PhoneNumberUtil.GetInstance().IsValidNumber(parsed)
                ? null
                : $"{shown} is not a valid phone number for its country code: check the digits.";
        }

        if (parsed is not null && PhoneNumberUtil.GetInstance().IsValidNumber(parsed))
        {
            var e164 = PhoneNumberUtil.GetInstance().Format(parsed, PhoneNumberFormat.E164);
            return $"{shown} is not in E.164 form: write it as “{e164}”.";
        }

        return $"{shown} is not a phone number in E.164 form (+ and the country code, digits only, such as {Example}) or a short code (3-8 digits).";
    }

    /// <summary>
    /// The sender as the document should hold it: a short code as is, a phone number in E.164 form when
    /// libphonenumber can read it (international form, <c>+</c> optional only with <paramref name="defaultRegion"/>);
    /// null when it is neither.
    /// </summary>
    public static string? Normalize(string? sender, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(sender))
        {
            return null;
        }

        var trimmed = sender.Trim();
        if (IsShortCode(trimmed))
        {
            return trimmed;
        }

        var parsed = TryParse(trimmed, defaultRegion);
        return parsed is not null && PhoneNumberUtil.GetInstance().IsValidNumber(parsed)
            ? PhoneNumberUtil.GetInstance().Format(parsed, PhoneNumberFormat.E164)
            : null;
    }

    private static PhoneNumber? TryParse(string text, string? defaultRegion = null)
    {
        // libphonenumber refuses long input itself; the guard keeps pathological strings away from it altogether.
        if (text.Length > 64)
        {
            return null;
        }

        try
        {
            return PhoneNumberUtil.GetInstance().Parse(text, defaultRegion ?? "ZZ");
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
