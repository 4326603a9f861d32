using System.Globalization;

namespace OptOutConsole.Core.Messages;

/// <summary>
/// Counts SMS segments (DESIGN 4): GSM-7 holds 160 septets in one segment and 153 per segment when split, the
/// extension characters count two; any other character makes the whole message UCS-2, 70 UTF-16 units in one
/// segment and 67 when split. An escape pair or a surrogate pair never splits across segments.
/// </summary>
public static class SegmentCounter
{
    public const int Gsm7Single = 160;
    public const int Gsm7Multi = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Multi = 67;

    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    private static readonly bool[] BasicTable = BuildTable(Gsm7Basic);
    private static readonly bool[] ExtensionTable = BuildTable(Gsm7Extension);

    /// <summary>True when <paramref name="c"/> is in the GSM-7 basic table (one septet).</summary>
    public static bool IsGsm7Basic(char c) => c < BasicTable.Length && BasicTable[c];

    /// <summary>True when <paramref name="c"/> is in the GSM-7 extension table (two septets).</summary>
    public static bool IsGsm7Extension(char c) => c < ExtensionTable.Length && ExtensionTable[c];

    /// <summary>Counts <paramref name="text"/>; an empty or null text is 0 segments.</summary>
    public static SegmentCount Count(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new SegmentCount(SmsEncoding.Gsm7, 0, 0, 0);
        }

        var characters = new StringInfo(text).LengthInTextElements;
        var gsm = true;
        var septets = 0;
        foreach (var c in text)
        {
            if (IsGsm7Basic(c))
            {
                septets++;
            }
            else if (IsGsm7Extension(c))
            {
                septets += 2;
            }
            else
            {
                gsm = false;
                break;
            }
        }

        if (gsm)
        {
            return new SegmentCount(SmsEncoding.Gsm7, septets, SegmentsOf(text, septets, Gsm7Single, Gsm7Multi, gsm: true), characters);
        }

        return new SegmentCount(SmsEncoding.Ucs2, text.Length, SegmentsOf(text, text.Length, Ucs2Single, Ucs2Multi, gsm: false), characters);
    }

    private static int SegmentsOf(string text, int totalUnits, int single, int multi, bool gsm)
    {
        if (totalUnits <= single)
        {
            return 1;
        }

        // Fill segments one character at a time so that a two-unit character never straddles a boundary.
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int width;
            if (gsm)
            {
                width = IsGsm7Extension(text[i]) ? 2 : 1;
            }
            else
            {
                width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                if (width == 2)
                {
                    i++;
                }
            }

            if (used + width > multi)
            {
                segments++;
                used = 0;
            }

            used += width;
        }

        return segments;
    }

    private static bool[] BuildTable(string chars)
    {
        var table = new bool[chars.Max() + 1];
        foreach (var c in chars)
        {
            table[c] = true;
        }

        return table;
    }
}
