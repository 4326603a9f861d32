using System.Text;

namespace OptOutConsole.Core.Text;

/// <summary>
/// Decodes an uploaded text file strictly: bytes that are not UTF-8 are refused with where they are, instead of being
/// turned into replacement characters (�) that would then be kept as if someone had typed them.
/// </summary>
public static class Utf8Text
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text of <paramref name="bytes"/> (UTF-8, or UTF-16 when it starts with its byte-order mark; the mark is
    /// skipped), or null with <paramref name="error"/> naming the first byte that is not text and its line.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        var (encoding, skipped, name) =
            bytes.StartsWith(Encoding.UTF8.Preamble) ? ((Encoding)StrictUtf8, Encoding.UTF8.Preamble.Length, "UTF-8")
            : bytes.StartsWith(Encoding.Unicode.Preamble) ? (StrictUtf16Le, Encoding.Unicode.Preamble.Length, "UTF-16")
            : bytes.StartsWith(Encoding.BigEndianUnicode.Preamble) ? (StrictUtf16Be, Encoding.BigEndianUnicode.Preamble.Length, "UTF-16")
            : (StrictUtf8, 0, "UTF-8");
        try
        {
            return encoding.GetString(bytes[skipped..]);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? Math.Min(ex.Index + skipped, bytes.Length) : -1;
            var bad = ex.BytesUnknown is { Length: > 0 } unknown ? $"byte 0x{unknown[0]:X2}" : "a byte";
            var where = offset >= 0 ? $" at line {bytes[..offset].Count((byte)'\n') + 1} (byte {offset + 1})" : string.Empty;
            error = $"The file is not {name} text: {bad}{where} is not {name} (saved as Latin-1 or another encoding?). Save it as UTF-8 and choose it again.";
            return null;
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> has a UTF-16 surrogate without its pair (half of an emoji): UTF-8, and so
    /// SQLite, cannot hold it and would store U+FFFD instead.
    /// </summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
