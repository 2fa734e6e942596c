using System.Data.Common;
using Dapper;
using Faxgate.Storage.Audit;

namespace Faxgate.Storage.Documents;

/// <summary>A document's life after it is stored: metadata, releasing the server's key, crypto-shredding.</summary>
public sealed partial class DocumentStore
{
    /// <summary>Actor recorded in the audit log for shredding at the end of retention.</summary>
    public const string RetentionActor = "retention";

    /// <summary>A document's metadata (never content), or null when there is no such document.</summary>
    public async Task<DocumentInfo?> GetAsync(long id, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync(async connection =>
        {
            InfoRow? row = await connection.QuerySingleOrDefaultAsync<InfoRow>(
                """
                SELECT id AS Id, account_id AS AccountId, fax_id AS FaxId, kind AS Kind, media_type AS MediaType, length AS Length,
                  chunk_count AS ChunkCount, created_at AS CreatedAt, retain_until AS RetainUntil, shredded_at AS ShreddedAt
                FROM documents WHERE id = @id
                """, new { id }).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            List<string> holders = (await connection.QueryAsync<string>(
                "SELECT holder FROM document_keys WHERE document_id = @id", new { id }).ConfigureAwait(false)).AsList();
            return new DocumentInfo(row.Id, row.AccountId, row.FaxId, row.Kind, row.MediaType, row.Length, (int)row.ChunkCount, row.CreatedAt,
                row.RetainUntil, row.ShreddedAt, new DocumentHolders(holders.Contains(DocumentSealing.ServerHolder), holders.Contains(DocumentSealing.AccountHolder)));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the server's wrap of the document's key (after delivery): from then on only the account can open it.
    /// True when there was a wrap to delete.
    /// </summary>
    public Task<bool> ReleaseServerKeyAsync(long id, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => ReleaseServerKeyAsync(connection, transaction, id), cancellationToken);

    /// <summary><see cref="ReleaseServerKeyAsync(long, CancellationToken)"/> within the caller's transaction (e.g. completing the delivery job).</summary>
    public static async Task<bool> ReleaseServerKeyAsync(DbConnection connection, DbTransaction transaction, long id)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.ExecuteAsync(
            "DELETE FROM document_keys WHERE document_id = @id AND holder = @holder",
            new { id, holder = DocumentSealing.ServerHolder }, transaction).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Crypto-shreds a document: deletes every key wrap and every chunk and marks it shredded; the metadata stays for
    /// the fax history. False when it was already shredded. Recorded in the audit log.
    /// </summary>
    public Task<bool> ShredAsync(long id, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            long now = _database.Now;
            int marked = await connection.ExecuteAsync(
                "UPDATE documents SET shredded_at = @now WHERE id = @id AND shredded_at IS NULL", new { now, id }, transaction).ConfigureAwait(false);
            if (marked == 0)
            {
                return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents WHERE id = @id", new { id }, transaction).ConfigureAwait(false) > 0
                    ? false
                    : throw new InvalidRequestException($"there is no document {id}");
            }

            await connection.ExecuteAsync("DELETE FROM document_keys WHERE document_id = @id", new { id }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM document_chunks WHERE document_id = @id", new { id }, transaction).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "document.shred", $"document:{id}").ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Shreds every document whose retention has ended (retain_until at or before now); returns how many.</summary>
    public async Task<int> ShredExpiredAsync(CancellationToken cancellationToken)
    {
        int shredded = 0;
        while (true)
        {
            long now = _database.Now;
            List<long> due = await _database.ReadAsync(async connection => (await connection.QueryAsync<long>(
                "SELECT id FROM documents WHERE retain_until <= @now AND shredded_at IS NULL ORDER BY id LIMIT 200",
                new { now }).ConfigureAwait(false)).AsList(), cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                if (shredded > 0)
                {
                    await _database.ReadAsync(async connection =>
                    {
                        await _database.Dialect.ScrubAsync(connection, cancellationToken).ConfigureAwait(false);
                        return 0;
                    }, cancellationToken).ConfigureAwait(false);
                }

                return shredded;
            }

            foreach (long id in due)
            {
                // One transaction per document keeps write locks short; a document shredded meanwhile counts once.
                if (await ShredAsync(id, RetentionActor, cancellationToken).ConfigureAwait(false))
                {
                    shredded++;
                }
            }
        }
    }

    private sealed class InfoRow
    {
        public long Id { get; set; }

        public long? AccountId { get; set; }

        public long? FaxId { get; set; }

        public string Kind { get; set; } = "";

        public string MediaType { get; set; } = "";

        public long Length { get; set; }

        public long ChunkCount { get; set; }

        public long CreatedAt { get; set; }

        public long? RetainUntil { get; set; }

        public long? ShreddedAt { get; set; }
    }
}
