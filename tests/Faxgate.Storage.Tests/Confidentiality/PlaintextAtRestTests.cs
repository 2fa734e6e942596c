using System.Text;
using Dapper;
using Faxgate.Storage.Documents;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Confidentiality;

/// <summary>After documents with a known pattern are stored, the pattern is nowhere in the database or the data folder.</summary>
public sealed class PlaintextAtRestTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task No_stored_content_appears_in_any_table_or_file(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "plaintext-scan", chunkBytes: 1000);
        long acme = await storage.CreateAccountAsync();
        byte[] pattern = PlaintextScan.NewPattern("FAX-PAGE");
        byte[] page = Enumerable.Repeat(pattern, 200).SelectMany(bytes => bytes).ToArray();
        DocumentMetadata metadata = new(DocumentKinds.Page, "image/tiff", acme);
        await storage.Documents.PutAsync(page, metadata, DocumentHolders.Both, CancellationToken.None);
        await storage.Documents.PutAsync(page, metadata, DocumentHolders.Account, CancellationToken.None);
        long queued = await storage.Documents.PutAsync(page, new DocumentMetadata(DocumentKinds.Source, "application/pdf"), DocumentHolders.Server, CancellationToken.None);
        await storage.Documents.ReleaseServerKeyAsync(1, CancellationToken.None);
        using (var key = await storage.UnlockAsync())
        {
            Assert.Equal(page, await storage.Documents.ReadForAccountAsync(1, key, CancellationToken.None));
        }

        Assert.Equal(page, await storage.Documents.ReadForServerAsync(queued, CancellationToken.None));

        Assert.Empty(await PlaintextScan.DatabaseAsync(storage.Database, pattern));
        Assert.Empty(PlaintextScan.Files(storage.DataDirectory, pattern));
        byte[] password = Encoding.UTF8.GetBytes("owner-password");
        Assert.Empty(await PlaintextScan.DatabaseAsync(storage.Database, password));
        Assert.Empty(PlaintextScan.Files(storage.DataDirectory, password));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_scan_finds_a_pattern_stored_in_clear_raw_hex_or_base64(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "plaintext-scan-control");
        byte[] raw = PlaintextScan.NewPattern();
        byte[] hex = PlaintextScan.NewPattern();
        byte[] base64 = PlaintextScan.NewPattern();
        await storage.Database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (1, 'a', 'b', @subject, @detail)",
            new { subject = Encoding.ASCII.GetString(raw), detail = "x" + Convert.ToHexString(hex) + " " + Convert.ToBase64String([7, .. base64]) }, transaction), CancellationToken.None);
        foreach (byte[] pattern in (byte[][])[raw, hex, base64])
        {
            Assert.Single(await PlaintextScan.DatabaseAsync(storage.Database, pattern));
        }

        string leak = Path.Combine(storage.DataDirectory, "leak.bin");
        File.WriteAllBytes(leak, [1, 2, .. raw, 3]);
        IReadOnlyList<string> files = PlaintextScan.Files(storage.DataDirectory, raw);
        Assert.Contains(leak, files);
        if (provider == "sqlite")
        {
            // The audit row is in the database file or its write-ahead log: the file scan sees into SQLite's files.
            Assert.Contains(files, path => Path.GetFileName(path).StartsWith("faxgate.db", StringComparison.Ordinal));
        }
    }
}
