using System.Security.Cryptography;
using System.Text;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// Twilio's request signature (DESIGN 5.1): Base64 of HMAC-SHA1, keyed with the auth token, over the full URL
/// followed by every POST parameter sorted by name (ordinal), each as name then value.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        var sb = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            sb.Append(name).Append(value);
        }

        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToBase64String(mac);
    }

    /// <summary>True when <paramref name="signature"/> is the signature of the request (constant-time compare).</summary>
    public static bool IsValid(string? signature, string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(url, parameters, authToken));
        var actual = Encoding.ASCII.GetBytes(signature.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
