using System.Security.Cryptography;

namespace Faxgate.Storage.Crypto;

/// <summary>
/// The server key-encryption key: 32 random bytes that wrap the data keys of documents the server itself must read
/// later (faxes waiting to be sent or delivered by email). It comes from <see cref="StorageOptions.Key"/>
/// (<c>FAXGATE__Storage__Key</c>, base64) when set, else from the key file (<see cref="StorageOptions.KeyFile"/>, by
/// default <c>DATA/keys/server.key</c>, created on first use). It is never stored in the database.
/// </summary>
public sealed class ServerKey : IDisposable
{
    /// <summary>Where the key file is unless <see cref="StorageOptions.KeyFile"/> says otherwise, relative to the data folder.</summary>
    public static readonly string DefaultKeyFile = Path.Combine("keys", "server.key");

    private readonly byte[] _key;
    private bool _disposed;

    private ServerKey(byte[] key, string source)
    {
        _key = key;
        Source = source;
        Id = KeyFingerprint.Of("server-key", key);
    }

    /// <summary>A short fingerprint of the key (16 hex digits), stored with every wrap it makes. Not secret.</summary>
    public string Id { get; }

    /// <summary>Where the key came from, for messages: the key file's path or the setting's name. Never the key.</summary>
    public string Source { get; }

    /// <summary>
    /// Loads the key the options name: <see cref="StorageOptions.Key"/> if set, else the key file, created with fresh
    /// random bytes when it does not exist yet (folder 0700, file 0600). Throws <see cref="StorageConfigurationException"/>
    /// for a malformed key, an unreadable file or a key file that group or others may read.
    /// </summary>
    public static ServerKey Load(StorageOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return new ServerKey(Decode(options.Key, "Storage:Key (FAXGATE__Storage__Key)"), "Storage:Key");
        }

        string path = string.IsNullOrWhiteSpace(options.KeyFile)
            ? Path.Combine(Path.GetFullPath(dataDirectory), DefaultKeyFile)
            : Path.GetFullPath(options.KeyFile, Path.GetFullPath(dataDirectory));
        string text = ServerKeyFile.ReadOrCreate(path);
        return new ServerKey(Decode(text, $"the key file {path}"), path);
    }

    /// <summary>A key from its 32 bytes (tests, tools). The bytes are copied.</summary>
    public static ServerKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != Sealing.KeyBytes)
        {
            throw new ArgumentException($"a server key is {Sealing.KeyBytes} bytes", nameof(key));
        }

        return new ServerKey(key.ToArray(), "bytes");
    }

    /// <summary>Fresh random key text as the key file and <c>FAXGATE__Storage__Key</c> hold it (base64 of 32 bytes).</summary>
    public static string NewKeyText()
    {
        byte[] key = RandomNumberGenerator.GetBytes(Sealing.KeyBytes);
        try
        {
            return Convert.ToBase64String(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    internal byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Sealing.Seal(_key, dataKey, associatedData);
    }

    /// <summary>The data key, or null when the wrap does not open with this key and associated data.</summary>
    internal byte[]? TryUnwrap(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Sealing.TryOpen(_key, wrapped, associatedData);
    }

    /// <summary>
    /// A MAC (HMAC-SHA256 under a key derived from the server key for this purpose alone) over <paramref name="data"/>:
    /// lets the server recognise records it wrote itself, which someone with only write access to the database cannot
    /// forge.
    /// </summary>
    internal byte[] Seal(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] macKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: "faxgate/record-seal/v1"u8.ToArray());
        try
        {
            return HMACSHA256.HashData(macKey, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(macKey);
        }
    }

    /// <summary>True when <paramref name="seal"/> is <see cref="Seal"/> of <paramref name="data"/> under this key.</summary>
    internal bool IsSealed(ReadOnlySpan<byte> data, ReadOnlySpan<byte> seal) =>
        seal.Length == 32 && CryptographicOperations.FixedTimeEquals(Seal(data), seal);

    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_key);
            _disposed = true;
        }
    }

    private static byte[] Decode(string text, string where)
    {
        byte[] buffer = new byte[Sealing.KeyBytes + 3];
        try
        {
            if (!Convert.TryFromBase64String(text.Trim(), buffer, out int written) || written != Sealing.KeyBytes)
            {
                throw new StorageConfigurationException(
                    $"{where} does not hold a server key: expected base64 of {Sealing.KeyBytes} random bytes (e.g. from 'openssl rand -base64 32')");
            }

            return buffer[..Sealing.KeyBytes];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
