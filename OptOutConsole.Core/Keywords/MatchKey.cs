using System.Globalization;
using System.Text;

namespace OptOutConsole.Core.Keywords;

/// <summary>
/// The match key of a text or keyword (DESIGN 3.1): Unicode NFKC; diacritics removed (NFD, non-spacing marks
/// dropped, NFC); upper-cased invariantly; then only letters and digits kept. The validator and the classifier
/// share this one function.
/// </summary>
public static class MatchKey
{
    /// <summary>The longest match key a keyword may have (keyword.too-long).</summary>
    public const int MaxLength = 30;

    /// <summary>The reference implementation: allocates, handles every input.</summary>
    public static string Compute(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string s;
        try
        {
            s = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // Ill-formed UTF-16 (a lone surrogate) or a noncharacter: read as U+FFFD, a symbol no key keeps,
            // as the fast path (MatchKeyFolder) does. Any text, even a broken one, has a key.
            s = Sanitize(text).Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        }

        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        var upper = sb.ToString().Normalize(NormalizationForm.FormC).ToUpperInvariant();
        sb.Clear();
        for (var i = 0; i < upper.Length; i++)
        {
            var c = upper[i];
            if (char.IsHighSurrogate(c) && i + 1 < upper.Length && char.IsLowSurrogate(upper[i + 1]))
            {
                if (char.IsLetterOrDigit(upper, i))
                {
                    sb.Append(c).Append(upper[i + 1]);
                }

                i++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]) || chars[i] is '\uFFFE' or '\uFFFF')
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
