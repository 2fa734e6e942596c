using System.Buffers.Binary;

namespace Faxgate.Storage.Crypto;

/// <summary>
/// Binds an account's public key to the account under the server key. Without it, anyone who can write to the database
/// (an administrator, a backup restored by someone else) could put their own public key in the account's row, and
/// every fax archived afterwards would be wrapped for them. The document store wraps for an account only when the
/// seal holds.
/// </summary>
internal static class AccountPublicKeySeal
{
    public static byte[] Create(ServerKey serverKey, long accountId, ReadOnlySpan<byte> publicKey) => serverKey.Seal(Record(accountId, publicKey));

    public static bool Holds(ServerKey serverKey, long accountId, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> seal) =>
        serverKey.IsSealed(Record(accountId, publicKey), seal);

    private static byte[] Record(long accountId, ReadOnlySpan<byte> publicKey)
    {
        ReadOnlySpan<byte> label = "faxgate/account-public-key/v1\0"u8;
        byte[] record = new byte[label.Length + 8 + publicKey.Length];
        label.CopyTo(record);
        BinaryPrimitives.WriteInt64BigEndian(record.AsSpan(label.Length), accountId);
        publicKey.CopyTo(record.AsSpan(label.Length + 8));
        return record;
    }
}
