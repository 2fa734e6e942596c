using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Dialects;

namespace Faxgate.Storage.Documents;

/// <summary>
/// Fax content at rest. Each document is encrypted with AES-256-GCM under a random data key of its own, in chunks
/// (document_chunks, one row each); the data key is stored only wrapped (document_keys): for the server under its
/// key-encryption key (<see cref="ServerKey"/>) while the server must still read the document, and for the owning
/// account under the account's public key, which only the account's users can open. Shredding deletes the wraps and
/// the chunks; the metadata stays. Content and keys never reach a log, an exception message or the audit log.
/// </summary>
public sealed partial class DocumentStore
{
    private readonly Database _database;
    private readonly ServerKey _serverKey;
    private readonly int _chunkBytes;

    public DocumentStore(Database database, ServerKey serverKey, DocumentStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(serverKey);
        _database = database;
        _serverKey = serverKey;
        _chunkBytes = (options ?? new DocumentStoreOptions()).CheckedChunkBytes;
    }

    /// <summary>Stores a document in a transaction of its own; returns its id.</summary>
    public Task<long> PutAsync(Stream content, DocumentMetadata metadata, DocumentHolders holders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        long start = content.CanSeek ? content.Position : 0;
        int attempts = 0;
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                if (attempts++ > 0)
                {
                    // The engine rolled back a deadlock and the write runs again: the content must be read again too.
                    if (!content.CanSeek)
                    {
                        throw new IOException("the database asked to retry storing a document whose content stream cannot be re-read");
                    }

                    content.Position = start;
                }

                return PutAsync(connection, transaction, content, metadata, holders, cancellationToken);
            },
            cancellationToken);
    }

    public Task<long> PutAsync(ReadOnlyMemory<byte> content, DocumentMetadata metadata, DocumentHolders holders, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (connection, transaction) => PutAsync(connection, transaction, content, metadata, holders, cancellationToken),
            cancellationToken);

    public async Task<long> PutAsync(
        DbConnection connection, DbTransaction transaction, ReadOnlyMemory<byte> content, DocumentMetadata metadata, DocumentHolders holders, CancellationToken cancellationToken)
    {
        byte[] copy = content.ToArray();
        try
        {
            using var stream = new MemoryStream(copy, writable: false);
            return await PutAsync(connection, transaction, stream, metadata, holders, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }

    /// <summary>
    /// Stores a document within the caller's transaction (e.g. together with the job that will send it); returns its id.
    /// The stream is read to its end.
    /// </summary>
    public async Task<long> PutAsync(
        DbConnection connection, DbTransaction transaction, Stream content, DocumentMetadata metadata, DocumentHolders holders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(content);
        Validate(metadata, holders);
        byte[]? accountPublicKey = holders.ForAccount ? await AccountPublicKeyAsync(connection, transaction, metadata.AccountId!.Value).ConfigureAwait(false) : null;
        long now = _database.Now;
        await connection.ExecuteAsync(
            """
            INSERT INTO documents (account_id, fax_id, kind, media_type, length, chunk_count, created_at, retain_until, shredded_at)
            VALUES (@AccountId, @FaxId, @Kind, @MediaType, 0, 0, @now, @RetainUntil, NULL)
            """,
            new { metadata.AccountId, metadata.FaxId, metadata.Kind, metadata.MediaType, now, metadata.RetainUntil }, transaction).ConfigureAwait(false);
        long id = await InsertedId.ReadAsync(_database.Dialect, connection, transaction).ConfigureAwait(false);
        byte[] dataKey = RandomNumberGenerator.GetBytes(Sealing.KeyBytes);
        try
        {
            (long length, int chunks) = await WriteChunksAsync(connection, transaction, id, dataKey, content, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "UPDATE documents SET length = @length, chunk_count = @chunks WHERE id = @id", new { length, chunks, id }, transaction).ConfigureAwait(false);
            if (holders.ForServer)
            {
                byte[] wrapped = _serverKey.Wrap(dataKey, DocumentSealing.KeyData(id, DocumentSealing.ServerHolder));
                await InsertKeyAsync(connection, transaction, id, DocumentSealing.ServerHolder, _serverKey.Id, wrapped).ConfigureAwait(false);
            }

            if (accountPublicKey is not null)
            {
                byte[] wrapped = AccountKeyWrap.Wrap(accountPublicKey, dataKey, DocumentSealing.KeyData(id, DocumentSealing.AccountHolder));
                await InsertKeyAsync(connection, transaction, id, DocumentSealing.AccountHolder, AccountKey.AccountKeyFingerprint(accountPublicKey), wrapped).ConfigureAwait(false);
            }

            return id;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The document's content, opened with the server key (for sending or email delivery).</summary>
    public async Task<byte[]> ReadForServerAsync(long id, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync(async connection =>
        {
            StoredDocument document = await LoadAsync(connection, id, DocumentSealing.ServerHolder).ConfigureAwait(false);
            if (document.KeyRef != _serverKey.Id)
            {
                throw new DocumentUnavailableException(id, DocumentUnavailableReason.WrongServerKey,
                    $"the document was sealed with server key {document.KeyRef}; this server has server key {_serverKey.Id} (from {_serverKey.Source})");
            }

            byte[] dataKey = _serverKey.TryUnwrap(document.Wrapped, DocumentSealing.KeyData(id, DocumentSealing.ServerHolder))
                ?? throw new DocumentIntegrityException(id, "the server's key wrap does not open (altered or moved)");
            return await ReadChunksAsync(connection, document, dataKey, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The document's content, opened with its account's unlocked key. The read is recorded in the audit log.</summary>
    public async Task<byte[]> ReadForAccountAsync(long id, AccountKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] content = await _database.ReadAsync(async connection =>
        {
            StoredDocument document = await LoadAsync(connection, id, DocumentSealing.AccountHolder).ConfigureAwait(false);
            if (document.AccountId != key.AccountId)
            {
                throw new DocumentUnavailableException(id, DocumentUnavailableReason.OtherAccount, $"the document does not belong to account {key.Handle}");
            }

            if (document.KeyRef != key.Fingerprint)
            {
                throw new DocumentUnavailableException(id, DocumentUnavailableReason.NoKeyForReader,
                    $"the document was sealed for account key {document.KeyRef}, not for the account's current key {key.Fingerprint}");
            }

            byte[] dataKey = key.TryUnwrap(document.Wrapped, DocumentSealing.KeyData(id, DocumentSealing.AccountHolder))
                ?? throw new DocumentIntegrityException(id, "the account's key wrap does not open (altered or moved)");
            return await ReadChunksAsync(connection, document, dataKey, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await _database.WriteAsync(async (connection, transaction) =>
        {
            await AuditLog.RecordAsync(connection, transaction, _database.Now, $"user:{key.Login}", "document.read", $"document:{id}", $"account {key.Handle}").ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return content;
    }

    private static void Validate(DocumentMetadata metadata, DocumentHolders holders)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!DocumentKinds.IsKnown(metadata.Kind))
        {
            throw new ArgumentException($"unknown document kind '{metadata.Kind}'", nameof(metadata));
        }

        if (string.IsNullOrWhiteSpace(metadata.MediaType) || metadata.MediaType.Length > 64)
        {
            throw new ArgumentException("a media type is 1 to 64 characters", nameof(metadata));
        }

        if (!holders.ForServer && !holders.ForAccount)
        {
            throw new ArgumentException("a document nobody can open would be lost at once: name at least one holder", nameof(holders));
        }

        if (holders.ForAccount && metadata.AccountId is null)
        {
            throw new ArgumentException("a document wrapped for its account needs an account id", nameof(metadata));
        }
    }

    private async Task<byte[]> AccountPublicKeyAsync(DbConnection connection, DbTransaction transaction, long accountId)
    {
        (byte[]? key, byte[]? seal) = await connection.QuerySingleOrDefaultAsync<(byte[]?, byte[]?)>(
            "SELECT public_key, public_key_seal FROM accounts WHERE id = @accountId", new { accountId }, transaction).ConfigureAwait(false);
        if (key is not { Length: > 0 })
        {
            throw new InvalidRequestException($"account {accountId} does not exist or has no key pair");
        }

        return seal is not null && AccountPublicKeySeal.Holds(_serverKey, accountId, key, seal)
            ? key
            : throw new CryptographicException(
                $"the public key of account {accountId} is not sealed by this server's key: it was altered, or comes from an installation with another key; nothing is wrapped for it");
    }

    private static Task<int> InsertKeyAsync(DbConnection connection, DbTransaction transaction, long id, string holder, string keyRef, byte[] wrapped) =>
        connection.ExecuteAsync(
            "INSERT INTO document_keys (document_id, holder, key_ref, wrapped) VALUES (@id, @holder, @keyRef, @wrapped)",
            new { id, holder, keyRef, wrapped }, transaction);
}
