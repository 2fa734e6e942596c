using System.Security.Cryptography;

namespace Faxgate.Storage.Crypto;

/// <summary>
/// AES-256-GCM with a random 96-bit nonce, the nonce kept in front of the ciphertext and the 128-bit tag behind it:
/// <c>nonce(12) || ciphertext || tag(16)</c>. Every key in Faxgate seals only a handful of messages (one document's
/// chunks, one wrap), far below the limit for random nonces.
/// </summary>
internal static class Sealing
{
    public const int KeyBytes = 32;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;
    public const int Overhead = NonceBytes + TagBytes;

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="destination"/> (exactly <see cref="Overhead"/> bytes longer).</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        if (destination.Length != plaintext.Length + Overhead)
        {
            throw new ArgumentException("destination must be the plaintext's length plus the nonce and tag", nameof(destination));
        }

        Span<byte> nonce = destination[..NonceBytes];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, destination.Slice(NonceBytes, plaintext.Length), destination[^TagBytes..], associatedData);
    }

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        byte[] sealedBytes = new byte[plaintext.Length + Overhead];
        Seal(key, plaintext, associatedData, sealedBytes);
        return sealedBytes;
    }

    /// <summary>
    /// Opens what <see cref="Seal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> made into
    /// <paramref name="destination"/> (<see cref="Overhead"/> bytes shorter). False when the bytes, the key or the
    /// associated data differ from the sealing ones; the destination is then cleared.
    /// </summary>
    public static bool TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        if (sealedBytes.Length < Overhead || destination.Length != sealedBytes.Length - Overhead)
        {
            return false;
        }

        using var aes = new AesGcm(key, TagBytes);
        try
        {
            aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes[NonceBytes..^TagBytes], sealedBytes[^TagBytes..], destination, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(destination);
            return false;
        }
    }

    /// <summary>Opens into a new array, or null when authentication fails.</summary>
    public static byte[]? TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < Overhead)
        {
            return null;
        }

        byte[] plaintext = new byte[sealedBytes.Length - Overhead];
        return TryOpen(key, sealedBytes, associatedData, plaintext) ? plaintext : null;
    }
}
