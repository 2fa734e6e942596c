using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Faxgate.Storage.Crypto;

namespace Faxgate.Storage.Documents;

/// <summary>Writing and reading a document's encrypted chunks.</summary>
public sealed partial class DocumentStore
{
    /// <summary>
    /// Seals the stream chunk by chunk. A chunk is known to be the last one only when the next read finds the end, so
    /// one chunk is always read ahead. An empty document is one empty last chunk, so it cannot be confused with a
    /// document whose chunks were deleted.
    /// </summary>
    private async Task<(long Length, int Chunks)> WriteChunksAsync(
        DbConnection connection, DbTransaction transaction, long id, byte[] dataKey, Stream content, CancellationToken cancellationToken)
    {
        byte[] current = new byte[_chunkBytes];
        byte[] next = new byte[_chunkBytes];
        try
        {
            int currentLength = await content.ReadAtLeastAsync(current, _chunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            long length = 0;
            for (int index = 0; ; index++)
            {
                int nextLength = currentLength < _chunkBytes
                    ? 0
                    : await content.ReadAtLeastAsync(next, _chunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                bool last = nextLength == 0;
                byte[] ciphertext = new byte[currentLength + Sealing.Overhead];
                Sealing.Seal(dataKey, current.AsSpan(0, currentLength), DocumentSealing.ChunkData(id, index, last), ciphertext);
                await connection.ExecuteAsync(
                    "INSERT INTO document_chunks (document_id, seq, ciphertext) VALUES (@id, @index, @ciphertext)",
                    new { id, index, ciphertext }, transaction).ConfigureAwait(false);
                length += currentLength;
                if (last)
                {
                    return (length, index + 1);
                }

                (current, next) = (next, current);
                currentLength = nextLength;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(current);
            CryptographicOperations.ZeroMemory(next);
        }
    }

    /// <summary>A document's metadata with the wrap for one holder, or the reason it cannot be opened.</summary>
    private static async Task<StoredDocument> LoadAsync(DbConnection connection, long id, string holder)
    {
        DocumentRow? row = await connection.QuerySingleOrDefaultAsync<DocumentRow>(
            "SELECT account_id AS AccountId, length AS Length, chunk_count AS ChunkCount, shredded_at AS ShreddedAt FROM documents WHERE id = @id",
            new { id }).ConfigureAwait(false);
        if (row is null)
        {
            throw new DocumentUnavailableException(id, DocumentUnavailableReason.NotFound, "there is no such document");
        }

        if (row.ShreddedAt is not null)
        {
            throw new DocumentUnavailableException(id, DocumentUnavailableReason.Shredded, "the document was shredded: its keys and content are gone");
        }

        KeyRow? key = await connection.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT key_ref AS KeyRef, wrapped AS Wrapped FROM document_keys WHERE document_id = @id AND holder = @holder",
            new { id, holder }).ConfigureAwait(false);
        if (key is null)
        {
            string message = holder == DocumentSealing.ServerHolder
                ? "the server holds no key for it (released after delivery, or stored for the account only)"
                : "it was not stored for its account";
            throw new DocumentUnavailableException(id, DocumentUnavailableReason.NoKeyForReader, message);
        }

        return new StoredDocument(id, row.AccountId, row.Length, checked((int)row.ChunkCount), key.KeyRef, key.Wrapped);
    }

    /// <summary>
    /// Opens every chunk in order. The metadata's chunk count says which chunk must carry the "last" mark, and each
    /// chunk's associated data names its document and index, so a missing, extra, reordered, moved or altered chunk
    /// fails authentication or the count check. The data key is cleared when done.
    /// </summary>
    private static async Task<byte[]> ReadChunksAsync(DbConnection connection, StoredDocument document, byte[] dataKey, CancellationToken cancellationToken)
    {
        long id = document.Id;
        try
        {
            if (document.ChunkCount < 1 || document.Length < 0 || document.Length > Array.MaxLength
                || document.Length > (long)document.ChunkCount * DocumentStoreOptions.MaxChunkBytes)
            {
                throw new DocumentIntegrityException(id, "its chunk count or length is impossible");
            }

            byte[] content = new byte[document.Length];
            try
            {
                await OpenChunksAsync(connection, document, dataKey, content, cancellationToken).ConfigureAwait(false);
            }
            catch (DocumentIntegrityException)
            {
                CryptographicOperations.ZeroMemory(content);
                throw;
            }

            return content;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static async Task OpenChunksAsync(DbConnection connection, StoredDocument document, byte[] dataKey, byte[] content, CancellationToken cancellationToken)
    {
        long id = document.Id;
        long offset = 0;
        int index = 0;
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT seq, ciphertext FROM document_chunks WHERE document_id = @id ORDER BY seq";
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await using (DbDataReader reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long seq = reader.GetInt64(0);
                byte[] ciphertext = reader.GetFieldValue<byte[]>(1);
                if (seq != index || index >= document.ChunkCount)
                {
                    throw new DocumentIntegrityException(id, $"chunk {index} is missing or out of place");
                }

                int plainLength = ciphertext.Length - Sealing.Overhead;
                if (plainLength < 0 || offset + plainLength > document.Length)
                {
                    throw new DocumentIntegrityException(id, $"chunk {index} does not fit the document's length");
                }

                bool last = index == document.ChunkCount - 1;
                if (!Sealing.TryOpen(dataKey, ciphertext, DocumentSealing.ChunkData(id, index, last), content.AsSpan((int)offset, plainLength)))
                {
                    throw new DocumentIntegrityException(id, $"chunk {index} fails authentication (altered, moved from another place, or the document was cut short)");
                }

                offset += plainLength;
                index++;
            }
        }

        if (index != document.ChunkCount || offset != document.Length)
        {
            throw new DocumentIntegrityException(id, $"{document.ChunkCount - index} of its {document.ChunkCount} chunks are missing");
        }
    }

    private sealed record StoredDocument(long Id, long? AccountId, long Length, int ChunkCount, string KeyRef, byte[] Wrapped);

    private sealed class DocumentRow
    {
        public long? AccountId { get; set; }

        public long Length { get; set; }

        public long ChunkCount { get; set; }

        public long? ShreddedAt { get; set; }
    }

    private sealed class KeyRow
    {
        public string KeyRef { get; set; } = "";

        public byte[] Wrapped { get; set; } = [];
    }
}
