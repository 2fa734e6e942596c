using System.Security.Cryptography;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Documents;

public sealed class DocumentStoreTests
{
    private static readonly DocumentMetadata Pdf = new(DocumentKinds.Pdf, "application/pdf");

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Documents_of_every_size_come_back_as_stored(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-sizes", chunkBytes: 64);
        foreach (int length in (int[])[0, 1, 63, 64, 65, 128, 1000, 64 * 40 + 7])
        {
            byte[] content = RandomNumberGenerator.GetBytes(length);
            long fromMemory = await storage.Documents.PutAsync(content, Pdf, DocumentHolders.Server, CancellationToken.None);
            long fromStream = await storage.Documents.PutAsync(new NonSeekableStream(content), Pdf, DocumentHolders.Server, CancellationToken.None);
            Assert.Equal(content, await storage.Documents.ReadForServerAsync(fromMemory, CancellationToken.None));
            Assert.Equal(content, await storage.Documents.ReadForServerAsync(fromStream, CancellationToken.None));
            DocumentInfo info = (await storage.Documents.GetAsync(fromStream, CancellationToken.None))!;
            Assert.Equal(length, info.Length);
            Assert.Equal(Math.Max(1, (length + 63) / 64), info.ChunkCount);
            Assert.Equal(DocumentHolders.Server, info.Holders);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_default_chunk_size_stores_a_multi_megabyte_document(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-large", chunkBytes: new DocumentStoreOptions().ChunkBytes);
        byte[] content = RandomNumberGenerator.GetBytes((2 * 1024 * 1024) + 5);
        long id = await storage.Documents.PutAsync(content, Pdf, DocumentHolders.Server, CancellationToken.None);
        Assert.Equal(3, (await storage.Documents.GetAsync(id, CancellationToken.None))!.ChunkCount);
        Assert.Equal(content, await storage.Documents.ReadForServerAsync(id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_account_document_opens_with_the_account_key_only(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-account");
        long acme = await storage.CreateAccountAsync("acme");
        await storage.CreateAccountAsync("other");
        byte[] content = RandomNumberGenerator.GetBytes(300);
        long id = await storage.Documents.PutAsync(content, Pdf with { AccountId = acme }, DocumentHolders.Account, CancellationToken.None);

        using (var key = await storage.UnlockAsync("acme"))
        {
            Assert.Equal(content, await storage.Documents.ReadForAccountAsync(id, key, CancellationToken.None));
        }

        var serverRefused = await Assert.ThrowsAsync<DocumentUnavailableException>(() => storage.Documents.ReadForServerAsync(id, CancellationToken.None));
        Assert.Equal(DocumentUnavailableReason.NoKeyForReader, serverRefused.Reason);
        using (var other = await storage.UnlockAsync("other"))
        {
            var otherRefused = await Assert.ThrowsAsync<DocumentUnavailableException>(() => storage.Documents.ReadForAccountAsync(id, other, CancellationToken.None));
            Assert.Equal(DocumentUnavailableReason.OtherAccount, otherRefused.Reason);
        }

        Assert.Null(await storage.Accounts.UnlockAsync("owner@acme.example", "wrong-password", CancellationToken.None));
        Assert.Null(await storage.Accounts.UnlockAsync("owner@acme.example", "", CancellationToken.None));
        AuditEntry read = Assert.Single(await AuditLog.ListAsync(storage.Database, 100, CancellationToken.None), entry => entry.Action == "document.read");
        Assert.Equal("user:owner@acme.example", read.Actor);
        Assert.Equal($"document:{id}", read.Subject);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task After_the_server_releases_its_key_only_the_account_can_read(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-release");
        long acme = await storage.CreateAccountAsync();
        byte[] content = RandomNumberGenerator.GetBytes(200);
        long id = await storage.Documents.PutAsync(content, Pdf with { AccountId = acme }, DocumentHolders.Both, CancellationToken.None);
        Assert.Equal(content, await storage.Documents.ReadForServerAsync(id, CancellationToken.None));

        Assert.True(await storage.Documents.ReleaseServerKeyAsync(id, CancellationToken.None));
        Assert.False(await storage.Documents.ReleaseServerKeyAsync(id, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<DocumentUnavailableException>(() => storage.Documents.ReadForServerAsync(id, CancellationToken.None));
        Assert.Equal(DocumentUnavailableReason.NoKeyForReader, refused.Reason);
        Assert.Contains("released", refused.Message, StringComparison.Ordinal);
        using var key = await storage.UnlockAsync();
        Assert.Equal(content, await storage.Documents.ReadForAccountAsync(id, key, CancellationToken.None));
        Assert.Equal(DocumentHolders.Account, (await storage.Documents.GetAsync(id, CancellationToken.None))!.Holders);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_shredded_document_opens_for_nobody_and_its_chunks_are_gone(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-shred");
        long acme = await storage.CreateAccountAsync();
        long id = await storage.Documents.PutAsync(RandomNumberGenerator.GetBytes(500), Pdf with { AccountId = acme }, DocumentHolders.Both, CancellationToken.None);

        Assert.True(await storage.Documents.ShredAsync(id, "cli:operator", CancellationToken.None));
        Assert.False(await storage.Documents.ShredAsync(id, "cli:operator", CancellationToken.None));

        Assert.Equal(0, await TableTamper.CountAsync(storage.Database, "document_chunks", id));
        Assert.Equal(0, await TableTamper.CountAsync(storage.Database, "document_keys", id));
        DocumentInfo info = (await storage.Documents.GetAsync(id, CancellationToken.None))!;
        Assert.NotNull(info.ShreddedAt);
        Assert.Equal(500, info.Length);
        var server = await Assert.ThrowsAsync<DocumentUnavailableException>(() => storage.Documents.ReadForServerAsync(id, CancellationToken.None));
        Assert.Equal(DocumentUnavailableReason.Shredded, server.Reason);
        using var key = await storage.UnlockAsync();
        var account = await Assert.ThrowsAsync<DocumentUnavailableException>(() => storage.Documents.ReadForAccountAsync(id, key, CancellationToken.None));
        Assert.Equal(DocumentUnavailableReason.Shredded, account.Reason);
        AuditEntry shred = Assert.Single(await AuditLog.ListAsync(storage.Database, 100, CancellationToken.None), entry => entry.Action == "document.shred");
        Assert.Equal("cli:operator", shred.Actor);
        await Assert.ThrowsAsync<InvalidRequestException>(() => storage.Documents.ShredAsync(id + 1000, "cli:operator", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Retention_shreds_the_documents_whose_time_has_come(string provider)
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-retention", clock);
        long now = storage.Database.Now;
        long due = await storage.Documents.PutAsync(new byte[10], Pdf with { RetainUntil = now + 1000 }, DocumentHolders.Server, CancellationToken.None);
        long later = await storage.Documents.PutAsync(new byte[10], Pdf with { RetainUntil = now + 5000 }, DocumentHolders.Server, CancellationToken.None);
        long forever = await storage.Documents.PutAsync(new byte[10], Pdf, DocumentHolders.Server, CancellationToken.None);

        Assert.Equal(0, await storage.Documents.ShredExpiredAsync(CancellationToken.None));
        clock.Now = clock.Now.AddMilliseconds(1000);
        Assert.Equal(1, await storage.Documents.ShredExpiredAsync(CancellationToken.None));
        Assert.NotNull((await storage.Documents.GetAsync(due, CancellationToken.None))!.ShreddedAt);
        Assert.Null((await storage.Documents.GetAsync(later, CancellationToken.None))!.ShreddedAt);
        clock.Now = clock.Now.AddDays(365);
        Assert.Equal(1, await storage.Documents.ShredExpiredAsync(CancellationToken.None));
        Assert.Equal(new byte[10], await storage.Documents.ReadForServerAsync(forever, CancellationToken.None));
        Assert.All(await AuditLog.ListAsync(storage.Database, 100, CancellationToken.None), entry => Assert.Equal(DocumentStore.RetentionActor, entry.Actor));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_server_with_another_key_says_which_key_sealed_the_document(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-wrong-key");
        long id = await storage.Documents.PutAsync(new byte[] { 1, 2, 3 }, Pdf, DocumentHolders.Server, CancellationToken.None);
        using ServerKey otherKey = ServerKey.FromBytes(RandomNumberGenerator.GetBytes(32));
        var otherServer = new DocumentStore(storage.Database, otherKey);

        var refused = await Assert.ThrowsAsync<DocumentUnavailableException>(() => otherServer.ReadForServerAsync(id, CancellationToken.None));
        Assert.Equal(DocumentUnavailableReason.WrongServerKey, refused.Reason);
        Assert.Contains($"sealed with server key {storage.ServerKey.Id}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"this server has server key {otherKey.Id}", refused.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_document_stored_in_a_transaction_that_rolls_back_leaves_nothing(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-rollback");
        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Database.WriteAsync<long>(async (connection, transaction) =>
        {
            await storage.Documents.PutAsync(connection, transaction, new byte[100], Pdf, DocumentHolders.Server, CancellationToken.None);
            throw new InvalidOperationException("the job insert failed");
        }, CancellationToken.None));
        Assert.Equal(0, await TableTamper.CountAsync(storage.Database, "documents", null));
        Assert.Equal(0, await TableTamper.CountAsync(storage.Database, "document_chunks", null));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Wrapping_for_an_account_needs_an_account_with_a_key(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "documents-no-account");
        await Assert.ThrowsAsync<ArgumentException>(() => storage.Documents.PutAsync(new byte[1], Pdf, DocumentHolders.Account, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.Documents.PutAsync(new byte[1], Pdf, new DocumentHolders(false, false), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidRequestException>(() => storage.Documents.PutAsync(new byte[1], Pdf with { AccountId = 999 }, DocumentHolders.Account, CancellationToken.None));
    }

    /// <summary>A stream that can only be read forwards, in small pieces, like a network body.</summary>
    private sealed class NonSeekableStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 17), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
