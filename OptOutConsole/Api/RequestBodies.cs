using System.Text;

namespace OptOutConsole.Api;

/// <summary>
/// Reads a request body as UTF-8 text with a size cap, so a huge body is refused instead of buffered, and bytes that
/// are not UTF-8 are refused instead of being stored as replacement characters.
/// </summary>
internal static class RequestBodies
{
    public const int MaxJsonBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The body as text (a UTF-8 byte-order mark is skipped); <see cref="BodyText.TooLarge"/> when it is larger than
    /// <paramref name="maxBytes"/>, <see cref="BodyText.Error"/> when it is not UTF-8.
    /// </summary>
    public static async Task<BodyText> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return BodyText.Refused;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return BodyText.Refused;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return BodyText.Refused;
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            // The client stopped sending before the end it announced (Content-Length, or a chunked body cut short).
            return new BodyText(null, false, $"The request body ended before its end ({ex.Message}); send the whole body again.");
        }

        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Strict UTF-8, with the offset of the first byte that is not.</summary>
    internal static BodyText Decode(ReadOnlySpan<byte> bytes)
    {
        var skipped = bytes.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        if (bytes.StartsWith(Encoding.Unicode.Preamble) || bytes.StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return new BodyText(null, false, "The body is UTF-16 text; send it as UTF-8.");
        }

        try
        {
            return new BodyText(StrictUtf8.GetString(bytes[skipped..]), false, null);
        }
        catch (DecoderFallbackException ex)
        {
            var bad = ex.BytesUnknown is { Length: > 0 } unknown ? $"0x{unknown[0]:X2}" : "a byte";
            var at = ex.Index >= 0 ? $" at byte {ex.Index + skipped + 1}" : string.Empty;
            return new BodyText(null, false, $"The body is not UTF-8 text: {bad}{at} is not UTF-8 (Latin-1 or another encoding?); send it as UTF-8.");
        }
    }
}
