using System.Security.Cryptography;
using Faxgate.Storage.Documents;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Documents;

/// <summary>Every change to stored ciphertext, its order or its key wraps is detected; no altered content is returned.</summary>
public sealed class DocumentTamperTests
{
    private static readonly DocumentMetadata Pdf = new(DocumentKinds.Pdf, "application/pdf");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string provider in (string[])["sqlite", "mariadb"])
        {
            foreach (string change in (string[])[
                "flip a ciphertext bit", "flip a nonce bit", "flip a tag bit", "swap two chunks", "drop the last chunk and fix the metadata",
                "drop the last chunk", "drop a middle chunk", "append a copy of the last chunk", "append a chunk and fix the metadata",
                "take a chunk from another document", "take the key wrap from another document", "take key wrap and chunks from another document",
                "flip a key wrap bit", "lengthen the document", "shorten a chunk"])
            {
                data.Add(provider, change);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Tampering_is_detected(string provider, string change)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-tamper", chunkBytes: 64);
        Database db = storage.Database;
        byte[] content = RandomNumberGenerator.GetBytes((64 * 4) + 10);
        long id = await storage.Documents.PutAsync(content, Pdf, DocumentHolders.Server, CancellationToken.None);
        long other = await storage.Documents.PutAsync(RandomNumberGenerator.GetBytes(content.Length), Pdf, DocumentHolders.Server, CancellationToken.None);
        Assert.Equal(content, await storage.Documents.ReadForServerAsync(id, CancellationToken.None));
        const int Last = 4;

        switch (change)
        {
            case "flip a ciphertext bit":
                await TableTamper.SetChunkAsync(db, id, 1, TableTamper.FlipBit(await TableTamper.ChunkAsync(db, id, 1), 12 + 5));
                break;
            case "flip a nonce bit":
                await TableTamper.SetChunkAsync(db, id, 0, TableTamper.FlipBit(await TableTamper.ChunkAsync(db, id, 0), 3));
                break;
            case "flip a tag bit":
                byte[] chunk = await TableTamper.ChunkAsync(db, id, Last);
                await TableTamper.SetChunkAsync(db, id, Last, TableTamper.FlipBit(chunk, chunk.Length - 1));
                break;
            case "swap two chunks":
                byte[] first = await TableTamper.ChunkAsync(db, id, 1);
                await TableTamper.SetChunkAsync(db, id, 1, await TableTamper.ChunkAsync(db, id, 2));
                await TableTamper.SetChunkAsync(db, id, 2, first);
                break;
            case "drop the last chunk and fix the metadata":
                await TableTamper.ExecuteAsync(db, "DELETE FROM document_chunks WHERE document_id = @id AND seq = 4", new { id });
                await TableTamper.ExecuteAsync(db, "UPDATE documents SET chunk_count = 4, length = 256 WHERE id = @id", new { id });
                break;
            case "drop the last chunk":
                await TableTamper.ExecuteAsync(db, "DELETE FROM document_chunks WHERE document_id = @id AND seq = 4", new { id });
                break;
            case "drop a middle chunk":
                await TableTamper.ExecuteAsync(db, "DELETE FROM document_chunks WHERE document_id = @id AND seq = 2", new { id });
                await TableTamper.ExecuteAsync(db, "UPDATE document_chunks SET seq = seq - 1 WHERE document_id = @id AND seq > 2", new { id });
                await TableTamper.ExecuteAsync(db, "UPDATE documents SET chunk_count = 4, length = 202 WHERE id = @id", new { id });
                break;
            case "append a copy of the last chunk":
                await TableTamper.ExecuteAsync(db, "INSERT INTO document_chunks (document_id, seq, ciphertext) VALUES (@id, 5, @c)", new { id, c = await TableTamper.ChunkAsync(db, id, Last) });
                break;
            case "append a chunk and fix the metadata":
                await TableTamper.ExecuteAsync(db, "INSERT INTO document_chunks (document_id, seq, ciphertext) VALUES (@id, 5, @c)", new { id, c = await TableTamper.ChunkAsync(db, id, Last) });
                await TableTamper.ExecuteAsync(db, "UPDATE documents SET chunk_count = 6, length = 276 WHERE id = @id", new { id });
                break;
            case "take a chunk from another document":
                await TableTamper.SetChunkAsync(db, id, 1, await TableTamper.ChunkAsync(db, other, 1));
                break;
            case "take the key wrap from another document":
                await TableTamper.SetWrapAsync(db, id, "server", await TableTamper.WrapAsync(db, other, "server"));
                break;
            case "take key wrap and chunks from another document":
                await TableTamper.SetWrapAsync(db, id, "server", await TableTamper.WrapAsync(db, other, "server"));
                for (int seq = 0; seq <= Last; seq++)
                {
                    await TableTamper.SetChunkAsync(db, id, seq, await TableTamper.ChunkAsync(db, other, seq));
                }

                break;
            case "flip a key wrap bit":
                await TableTamper.SetWrapAsync(db, id, "server", TableTamper.FlipBit(await TableTamper.WrapAsync(db, id, "server"), 20));
                break;
            case "lengthen the document":
                await TableTamper.ExecuteAsync(db, "UPDATE documents SET length = length + 1 WHERE id = @id", new { id });
                break;
            case "shorten a chunk":
                byte[] whole = await TableTamper.ChunkAsync(db, id, 1);
                await TableTamper.SetChunkAsync(db, id, 1, whole[..^1]);
                break;
            default:
                throw new ArgumentException(change, nameof(change));
        }

        var detected = await Assert.ThrowsAsync<DocumentIntegrityException>(() => storage.Documents.ReadForServerAsync(id, CancellationToken.None));
        Assert.Equal(id, detected.DocumentId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_account_key_wrap_moved_or_altered_is_detected(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-tamper-account");
        long acme = await storage.CreateAccountAsync();
        DocumentMetadata mine = Pdf with { AccountId = acme };
        long id = await storage.Documents.PutAsync(new byte[50], mine, DocumentHolders.Account, CancellationToken.None);
        long other = await storage.Documents.PutAsync(new byte[50], mine, DocumentHolders.Account, CancellationToken.None);
        using var key = await storage.UnlockAsync();

        await TableTamper.SetWrapAsync(storage.Database, id, "account", await TableTamper.WrapAsync(storage.Database, other, "account"));
        await Assert.ThrowsAsync<DocumentIntegrityException>(() => storage.Documents.ReadForAccountAsync(id, key, CancellationToken.None));

        byte[] wrap = await TableTamper.WrapAsync(storage.Database, other, "account");
        await TableTamper.SetWrapAsync(storage.Database, other, "account", TableTamper.FlipBit(wrap, wrap.Length - 20));
        await Assert.ThrowsAsync<DocumentIntegrityException>(() => storage.Documents.ReadForAccountAsync(other, key, CancellationToken.None));
    }
}
