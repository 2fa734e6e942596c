using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Faxgate.Storage.Crypto;

/// <summary>
/// An account's private key sealed for one portal user: PKCS#8 under AES-256-GCM with a key derived by Argon2id from
/// the user's password and a salt of its own (not the password hash's salt). The Argon2id parameters are stored with
/// the wrap (<c>m=..,t=..,p=..</c>), so raising them later only affects new wraps. The associated data binds the wrap
/// to its account, so a wrap copied to another account does not open.
/// </summary>
internal static class PrivateKeyWrap
{
    public const int SaltBytes = 16;
    private const byte Version = 1;

    public sealed record Sealed(byte[] Salt, string Parameters, byte[] Wrapped);

    public static Sealed Wrap(ECDiffieHellman privateKey, string password, Argon2Parameters cost, long accountId)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] pkcs8 = privateKey.ExportPkcs8PrivateKey();
        byte[] kek = PasswordHasher.Derive(password, salt, cost, Sealing.KeyBytes);
        try
        {
            byte[] wrapped = new byte[1 + pkcs8.Length + Sealing.Overhead];
            wrapped[0] = Version;
            Sealing.Seal(kek, pkcs8, AssociatedData(accountId), wrapped.AsSpan(1));
            return new Sealed(salt, cost.ToString(), wrapped);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>The private key, or null when the password is wrong or the stored wrap is damaged.</summary>
    public static ECDiffieHellman? TryUnwrap(string password, byte[] salt, string parameters, byte[] wrapped, long accountId)
    {
        if (string.IsNullOrEmpty(password) || wrapped.Length < 1 + Sealing.Overhead || wrapped[0] != Version
            || salt.Length < 8 || !Argon2Parameters.TryParse(parameters, out Argon2Parameters? cost))
        {
            return null;
        }

        byte[] kek = PasswordHasher.Derive(password, salt, cost, Sealing.KeyBytes);
        byte[]? pkcs8 = null;
        try
        {
            pkcs8 = Sealing.TryOpen(kek, wrapped.AsSpan(1), AssociatedData(accountId));
            if (pkcs8 is null)
            {
                return null;
            }

            ECDiffieHellman key = ECDiffieHellman.Create();
            try
            {
                key.ImportPkcs8PrivateKey(pkcs8, out _);
                return key;
            }
            catch (CryptographicException)
            {
                key.Dispose();
                return null;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
            if (pkcs8 is not null)
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }
    }

    private static byte[] AssociatedData(long accountId)
    {
        byte[] label = Encoding.ASCII.GetBytes("faxgate/account-private-key/v1\0");
        byte[] data = new byte[label.Length + 8];
        label.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(label.Length), accountId);
        return data;
    }
}
