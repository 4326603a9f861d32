using PhoneNumbers;

namespace OptOutConsole.Core.Validation;

/// <summary>
/// What a sender may be (sender.invalid): a short code of <see cref="ShortCodeMinLength"/>-<see cref="ShortCodeMaxLength"/>
/// ASCII digits (5-6 in the US and Canada; 3-8 elsewhere), or a phone number in E.164 form (<c>+</c>, the country
/// code, the number: no spaces or punctuation) whose length libphonenumber finds possible for its country code, the
/// same rule as every other number in the console (<see cref="Phones.E164"/>): test and fictional ranges such as
/// +1 555 123 4567 are accepted, a digit too many or too few is not (docs/decisions/sender-validity.md).
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
            return parsed is not null && Phones.E164.IsAcceptable(parsed)
                ? null
                : $"{shown} has too many or too few digits for its country code: check the number.";
        }

        if (parsed is not null && Phones.E164.IsAcceptable(parsed))
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
        return parsed is not null && Phones.E164.IsAcceptable(parsed)
            ? PhoneNumberUtil.GetInstance().Format(parsed, PhoneNumberFormat.E164)
            : null;
    }

    private static PhoneNumber? TryParse(string text, string? defaultRegion = null)
    {
        // libphonenumber refuses long input itself; the guard keeps pathological strings away from it altogether.
        if (text.Length > 64 || !Phones.E164.IsWrittenAsNumber(text))
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
