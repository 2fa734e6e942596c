using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Faxgate.Storage.Crypto;

/// <summary>
/// Password hashes for portal logins and Email2Fax sender passwords: Argon2id with a random 16-byte salt, written in
/// the PHC string format (<c>$argon2id$v=19$m=65536,t=3,p=1$SALT$HASH</c>) so the parameters travel with the hash.
/// </summary>
public static class PasswordHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Hashes a password with fresh salt. An empty password is refused (callers validate first).</summary>
    public static string Hash(string password, Argon2Parameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        Argon2Parameters cost = parameters ?? Argon2Parameters.Default;
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Derive(password, salt, cost, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19${cost}${Encode(salt)}${Encode(hash)}");
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="encoded"/>. A malformed hash, or one whose
    /// parameters exceed <see cref="Argon2Parameters"/>' limits, never matches.
    /// </summary>
    public static bool Verify(string encoded, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0 || !TryParse(encoded, out Argon2Parameters? cost, out byte[]? salt, out byte[]? expected))
        {
            return false;
        }

        byte[] actual = Derive(password, salt, cost, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Argon2id of a password and salt with the given cost: also the key derivation for account key pairs.</summary>
    public static byte[] Derive(string password, byte[] salt, Argon2Parameters cost, int length)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentNullException.ThrowIfNull(cost);
        byte[] secret = Encoding.UTF8.GetBytes(password);
        try
        {
            using var argon = new Argon2id(secret)
            {
                Salt = salt,
                MemorySize = cost.MemoryKiB,
                Iterations = cost.Iterations,
                DegreeOfParallelism = cost.Parallelism,
            };
            return argon.GetBytes(length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static bool TryParse(
        string? encoded,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Argon2Parameters? cost,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? salt,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? hash)
    {
        cost = null;
        salt = null;
        hash = null;
        string[] parts = (encoded ?? "").Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        if (!Argon2Parameters.TryParse(parts[3], out Argon2Parameters? parsed) || !TryDecode(parts[4], out salt) || !TryDecode(parts[5], out hash) || salt.Length < 8 || hash.Length is < 16 or > 64)
        {
            return false;
        }

        cost = parsed;
        return true;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length is 0 or > 128)
        {
            return false;
        }

        string padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        byte[] buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out int written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
