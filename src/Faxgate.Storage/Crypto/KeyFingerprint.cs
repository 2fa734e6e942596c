using System.Security.Cryptography;
using System.Text;

namespace Faxgate.Storage.Crypto;

/// <summary>
/// A short name for a key that reveals nothing about it: the first 8 bytes of SHA-256 over a purpose label and the key,
/// in lower-case hex. Stored beside every wrap (document_keys.key_ref) so a wrap made with another key is reported as
/// such instead of as corruption.
/// </summary>
internal static class KeyFingerprint
{
    public static string Of(string purpose, ReadOnlySpan<byte> key)
    {
        byte[] label = Encoding.ASCII.GetBytes($"faxgate/{purpose}/v1\0");
        byte[] input = new byte[label.Length + key.Length];
        label.CopyTo(input, 0);
        key.CopyTo(input.AsSpan(label.Length));
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(input).AsSpan(0, 8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
