using Dapper;

namespace Faxgate.Storage.Tests.Documents;

/// <summary>What an attacker with write access to the database could do to stored documents, done with plain SQL.</summary>
internal static class TableTamper
{
    public static Task<long> CountAsync(Database database, string table, long? documentId) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(
            documentId is null ? $"SELECT COUNT(*) FROM {table}" : $"SELECT COUNT(*) FROM {table} WHERE {(table == "documents" ? "id" : "document_id")} = @documentId",
            new { documentId }), CancellationToken.None);

    public static Task<byte[]> ChunkAsync(Database database, long documentId, int seq) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<byte[]>(
            "SELECT ciphertext FROM document_chunks WHERE document_id = @documentId AND seq = @seq", new { documentId, seq })!, CancellationToken.None)!;

    public static Task<byte[]> WrapAsync(Database database, long documentId, string holder) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<byte[]>(
            "SELECT wrapped FROM document_keys WHERE document_id = @documentId AND holder = @holder", new { documentId, holder })!, CancellationToken.None)!;

    public static Task SetChunkAsync(Database database, long documentId, int seq, byte[] ciphertext) =>
        ExecuteAsync(database, "UPDATE document_chunks SET ciphertext = @ciphertext WHERE document_id = @documentId AND seq = @seq", new { documentId, seq, ciphertext });

    public static Task SetWrapAsync(Database database, long documentId, string holder, byte[] wrapped) =>
        ExecuteAsync(database, "UPDATE document_keys SET wrapped = @wrapped WHERE document_id = @documentId AND holder = @holder", new { documentId, holder, wrapped });

    public static Task ExecuteAsync(Database database, string sql, object parameters) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(sql, parameters, transaction), CancellationToken.None);

    public static byte[] FlipBit(byte[] bytes, int index)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= 0x10;
        return copy;
    }
}
