using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OptOutConsole.Core.Privacy;

/// <summary>
/// The keyed hash an erased subscriber's number is kept as (issue 13): <c>erased:</c> and the first 16 bytes of
/// HMAC-SHA256(key, E.164) in base64url, 29 characters, which fits every number column. A bare hash of a phone number
/// could be reversed by hashing all ten billion numbers of a country; without the key it cannot. The key is
/// <c>Privacy:HashKey</c> (base64, at least 32 bytes) when set, else one made at first start-up and kept in the
/// database (table <c>Secrets</c>); it must never change, or erased numbers would no longer be found.
/// </summary>
public sealed class SubscriberHasher
{
    public const string Prefix = "erased:";

    public const string ConfigurationKey = "Privacy:HashKey";

    public const string SecretName = "subscriber-hash-key";

    public const int KeyBytes = 32;

    private byte[]? key;

    public bool HasKey => key is not null;

    /// <summary>A hasher with <c>Privacy:HashKey</c> when it is set; else without a key until start-up loads the stored one.</summary>
    /// <exception cref="Persistence.DatabaseStartupException">The setting is not base64 of at least 32 bytes.</exception>
    public static SubscriberHasher FromConfiguration(string? configured)
    {
        var hasher = new SubscriberHasher();
        if (string.IsNullOrWhiteSpace(configured))
        {
            return hasher;
        }

        var bytes = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured.Trim(), bytes, out var written) || written < KeyBytes)
        {
            throw new Persistence.DatabaseStartupException($"{ConfigurationKey} is not a key the console can use: give at least {KeyBytes} random bytes in base64 (e.g. the output of `openssl rand -base64 32`), and never change it afterwards.");
        }

        hasher.UseKey(bytes[..written]);
        return hasher;
    }

    /// <summary>Set once at start-up by <see cref="Persistence.DatabaseInitializer"/>.</summary>
    public void UseKey(byte[] value)
    {
        if (value.Length < KeyBytes)
        {
            throw new ArgumentException($"The key has {value.Length} bytes; it needs at least {KeyBytes}.", nameof(value));
        }

        key = value;
    }

    /// <summary>The stored form of an erased <paramref name="e164"/>.</summary>
    public string Hash(string e164)
    {
        var k = key ?? throw new InvalidOperationException("The subscriber hash key is not loaded yet (the database initialiser sets it at start-up).");
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> input = stackalloc byte[64];
        var length = Encoding.UTF8.GetBytes(e164, input);
        HMACSHA256.HashData(k, input[..length], mac);
        return Prefix + Base64Url.EncodeToString(mac[..16]);
    }

    public static bool IsHash(string? number) => number is not null && number.StartsWith(Prefix, StringComparison.Ordinal);
}
