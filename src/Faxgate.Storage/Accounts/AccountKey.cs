using System.Security.Cryptography;
using Faxgate.Storage.Crypto;

namespace Faxgate.Storage.Accounts;

/// <summary>
/// An account's private key, unlocked with a portal user's password (<see cref="AccountStore.UnlockAsync"/>). It opens
/// the documents wrapped for the account and lets another login be added. Dispose it as soon as the work is done: the
/// key is then gone from memory.
/// </summary>
public sealed class AccountKey : IDisposable
{
    private readonly ECDiffieHellman _privateKey;
    private bool _disposed;

    internal AccountKey(long accountId, string handle, string login, ECDiffieHellman privateKey)
    {
        AccountId = accountId;
        Handle = handle;
        Login = login;
        _privateKey = privateKey;
    }

    public long AccountId { get; }

    public string Handle { get; }

    /// <summary>The portal login whose password unlocked the key (the actor in the audit log).</summary>
    public string Login { get; }

    internal ECDiffieHellman PrivateKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _privateKey;
        }
    }

    /// <summary>The fingerprint stored as key_ref beside the wraps made for this account key.</summary>
    internal string Fingerprint => AccountKeyFingerprint(PrivateKey.ExportSubjectPublicKeyInfo());

    internal static string AccountKeyFingerprint(ReadOnlySpan<byte> subjectPublicKeyInfo) => KeyFingerprint.Of("account-key", subjectPublicKeyInfo);

    internal byte[]? TryUnwrap(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData) =>
        AccountKeyWrap.TryUnwrap(PrivateKey, wrapped, associatedData);

    public void Dispose()
    {
        if (!_disposed)
        {
            _privateKey.Dispose();
            _disposed = true;
        }
    }
}
