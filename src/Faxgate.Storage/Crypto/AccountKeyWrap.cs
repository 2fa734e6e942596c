using System.Security.Cryptography;
using System.Text;

namespace Faxgate.Storage.Crypto;

/// <summary>
/// Wraps a data key for an account's public key (ECIES on P-256): a fresh ephemeral key pair agrees a secret with the
/// account's key, HKDF-SHA256 turns it into an AES-256-GCM key bound to both public keys, and that key seals the data
/// key. Anyone can wrap with the public key; only the holder of the private key (unlocked with a portal password) can
/// unwrap. Layout: <c>version(1) || length(1) || ephemeral SubjectPublicKeyInfo || nonce || sealed key || tag</c>.
/// </summary>
internal static class AccountKeyWrap
{
    private const byte Version = 1;
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("faxgate/account-key-wrap/v1");

    public static ECDiffieHellman NewKeyPair() => ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public static byte[] Wrap(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData)
    {
        using ECDiffieHellman recipient = ImportPublic(recipientPublicKey);
        using ECDiffieHellman ephemeral = NewKeyPair();
        byte[] ephemeralPublic = ephemeral.ExportSubjectPublicKeyInfo();
        byte[] kek = DeriveKek(ephemeral, recipient.PublicKey, ephemeralPublic, recipientPublicKey);
        try
        {
            byte[] wrapped = new byte[2 + ephemeralPublic.Length + dataKey.Length + Sealing.Overhead];
            wrapped[0] = Version;
            wrapped[1] = checked((byte)ephemeralPublic.Length);
            ephemeralPublic.CopyTo(wrapped, 2);
            Sealing.Seal(kek, dataKey, associatedData, wrapped.AsSpan(2 + ephemeralPublic.Length));
            return wrapped;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>The data key, or null when the wrap is not for this private key or was altered.</summary>
    public static byte[]? TryUnwrap(ECDiffieHellman privateKey, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData)
    {
        if (wrapped.Length < 2 + Sealing.Overhead || wrapped[0] != Version || wrapped.Length < 2 + wrapped[1] + Sealing.Overhead)
        {
            return null;
        }

        ReadOnlySpan<byte> ephemeralPublic = wrapped.Slice(2, wrapped[1]);
        ECDiffieHellman ephemeral;
        try
        {
            ephemeral = ImportPublic(ephemeralPublic);
        }
        catch (CryptographicException)
        {
            return null;
        }

        using (ephemeral)
        {
            byte[] recipientPublic = privateKey.ExportSubjectPublicKeyInfo();
            byte[] kek;
            try
            {
                kek = DeriveKek(privateKey, ephemeral.PublicKey, ephemeralPublic, recipientPublic);
            }
            catch (CryptographicException)
            {
                return null;
            }

            try
            {
                return Sealing.TryOpen(kek, wrapped[(2 + ephemeralPublic.Length)..], associatedData);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(kek);
            }
        }
    }

    /// <summary>Reads a SubjectPublicKeyInfo, refusing anything but a P-256 key.</summary>
    public static ECDiffieHellman ImportPublic(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out int read);
            if (read != subjectPublicKeyInfo.Length || key.ExportParameters(false).Curve.Oid.Value != P256Oid)
            {
                throw new CryptographicException("not a P-256 public key");
            }

            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw;
        }
    }

    private static byte[] DeriveKek(ECDiffieHellman own, ECDiffieHellmanPublicKey other, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic)
    {
        byte[] shared = own.DeriveRawSecretAgreement(other);
        byte[] salt = new byte[ephemeralPublic.Length + recipientPublic.Length];
        ephemeralPublic.CopyTo(salt);
        recipientPublic.CopyTo(salt.AsSpan(ephemeralPublic.Length));
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, Sealing.KeyBytes, salt, Info);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
