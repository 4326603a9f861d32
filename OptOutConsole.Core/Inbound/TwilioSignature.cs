using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// Twilio's request signature (DESIGN 5.1): Base64 of HMAC-SHA1, keyed with the auth token, over the full URL
/// followed by every POST parameter sorted by name (ordinal), each as name then value.
/// </summary>
/// <remarks>
/// <see cref="IsValid"/> runs on every inbound request, so it signs into a pooled buffer and the stack: no LINQ, no
/// intermediate strings. <see cref="Compute"/> is the same algorithm for the forwarder and the tests.
/// </remarks>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    private const int HashBytes = 20;
    private const int Base64Chars = 28;

    private static TokenKey lastKey = new(string.Empty, []);

    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        Span<byte> mac = stackalloc byte[HashBytes];
        Sign(url, parameters as IReadOnlyList<KeyValuePair<string, string>> ?? parameters.ToList(), authToken, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>True when <paramref name="signature"/> is the signature of the request (constant-time compare).</summary>
    public static bool IsValid(string? signature, string url, IReadOnlyList<KeyValuePair<string, string>> parameters, string authToken)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HashBytes];
        Sign(url, parameters, authToken, mac);
        Span<char> expected = stackalloc char[Base64Chars];
        Convert.TryToBase64Chars(mac, expected, out _);
        var actual = signature.AsSpan().Trim();
        return actual.Length == Base64Chars
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(actual));
    }

    private static void Sign(string url, IReadOnlyList<KeyValuePair<string, string>> parameters, string authToken, Span<byte> mac)
    {
        // Sorted by name, then by value for a repeated name (stable for equal pairs): an insertion sort of indices,
        // requests carry a few dozen parameters at most.
        var count = parameters.Count;
        var order = ArrayPool<int>.Shared.Rent(count);
        var length = Encoding.UTF8.GetMaxByteCount(url.Length);
        for (var i = 0; i < count; i++)
        {
            var (name, value) = parameters[i];
            length += Encoding.UTF8.GetMaxByteCount(name.Length) + Encoding.UTF8.GetMaxByteCount(value.Length);
            var j = i;
            while (j > 0 && Compare(parameters[order[j - 1]], parameters[i]) > 0)
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = i;
        }

        var data = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(url, data);
            for (var i = 0; i < count; i++)
            {
                var (name, value) = parameters[order[i]];
                written += Encoding.UTF8.GetBytes(name, data.AsSpan(written));
                written += Encoding.UTF8.GetBytes(value, data.AsSpan(written));
            }

            HMACSHA1.HashData(KeyOf(authToken), data.AsSpan(0, written), mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
            ArrayPool<int>.Shared.Return(order);
        }
    }

    private static int Compare(KeyValuePair<string, string> a, KeyValuePair<string, string> b)
    {
        var byName = string.CompareOrdinal(a.Key, b.Key);
        return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
    }

    /// <summary>The token's UTF-8 bytes, remembered for the last token used (one per console).</summary>
    private static byte[] KeyOf(string authToken)
    {
        var last = lastKey;
        if (ReferenceEquals(last.Token, authToken) || string.Equals(last.Token, authToken, StringComparison.Ordinal))
        {
            return last.Key;
        }

        var key = Encoding.UTF8.GetBytes(authToken);
        lastKey = new TokenKey(authToken, key);
        return key;
    }

    /// <summary>One reference, so a reader never sees one token with another's bytes.</summary>
    private sealed record TokenKey(string Token, byte[] Key);
}
