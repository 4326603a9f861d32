using System.Security.Cryptography;
using System.Text;

namespace OptOutConsole.Core.ApiKeys;

/// <summary>
/// Makes and hashes API keys. Keys are 256 random bits, so a single SHA-256 is enough to store them safely
/// (no dictionary to guess from) and cheap enough to check on every request; see docs/decisions/api-keys.md.
/// </summary>
public static class ApiKeyHasher
{
    public const string KeyPrefix = "ooc_";
    public const int VisiblePrefixLength = 12;

    /// <summary>A new random key: <c>ooc_</c> followed by 43 Base64url characters.</summary>
    public static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lowercase hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>True when <paramref name="key"/> hashes to <paramref name="storedHash"/> (constant-time compare).</summary>
    public static bool Verify(string key, string storedHash)
    {
        var actual = Encoding.ASCII.GetBytes(Hash(key));
        var expected = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The part of a key shown in lists so people can tell keys apart.</summary>
    public static string VisiblePrefix(string key) => key.Length <= VisiblePrefixLength ? key : key[..VisiblePrefixLength];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
