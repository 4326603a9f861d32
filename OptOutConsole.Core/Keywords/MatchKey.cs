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

        var s = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
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
}
