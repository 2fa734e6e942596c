using System.Security.Cryptography;
using System.Text;

namespace Faxgate.Sip.Auth;

/// <summary>Names, strength and hash function of each <see cref="DigestAlgorithm"/>.</summary>
public static class DigestAlgorithms
{
    /// <summary>The token as written in challenges and credentials.</summary>
    public static string ToToken(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        DigestAlgorithm.Sha512Over256 => "SHA-512-256",
        DigestAlgorithm.Sha512Over256Sess => "SHA-512-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not a digest algorithm"),
    };

    /// <summary>The algorithm a token names, ignoring case; null for one we do not know.</summary>
    public static DigestAlgorithm? FromToken(string token) => token.ToUpperInvariant() switch
    {
        "MD5" => DigestAlgorithm.Md5,
        "MD5-SESS" => DigestAlgorithm.Md5Sess,
        "SHA-256" => DigestAlgorithm.Sha256,
        "SHA-256-SESS" => DigestAlgorithm.Sha256Sess,
        "SHA-512-256" => DigestAlgorithm.Sha512Over256,
        "SHA-512-256-SESS" => DigestAlgorithm.Sha512Over256Sess,
        _ => null,
    };

    /// <summary>Whether Faxgate can compute it: MD5 and SHA-256, plain and -sess.</summary>
    public static bool IsSupported(this DigestAlgorithm algorithm) => algorithm <= DigestAlgorithm.Sha256Sess;

    /// <summary>The -sess variants, whose A1 includes the nonce and cnonce (RFC 7616 3.4.2).</summary>
    public static bool IsSession(this DigestAlgorithm algorithm) =>
        algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess or DigestAlgorithm.Sha512Over256Sess;

    /// <summary>Higher is stronger: a -sess variant is as strong as its hash.</summary>
    public static int Strength(this DigestAlgorithm algorithm) => (int)algorithm / 2;

    /// <summary>The lower-case hex digest of the UTF-8 text.</summary>
    public static string Hash(this DigestAlgorithm algorithm, string text) => Hash(algorithm, Encoding.UTF8.GetBytes(text));

    /// <summary>The lower-case hex digest of the octets.</summary>
    public static string Hash(this DigestAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
#pragma warning disable CA5351 // MD5 is what the far end asks for (RFC 3261 22.4); SHA-256 is preferred when offered.
        DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess => Convert.ToHexStringLower(MD5.HashData(data)),
#pragma warning restore CA5351
        DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess => Convert.ToHexStringLower(SHA256.HashData(data)),
        _ => throw new NotSupportedException($"digest algorithm {algorithm.ToToken()} is not supported"),
    };
}
