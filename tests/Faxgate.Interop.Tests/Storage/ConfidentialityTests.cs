using System.Security.Cryptography;
using System.Text;
using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;
using Faxgate.Interop.Tests.T38;
using Faxgate.Storage;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.Storage.Queue;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.Storage;

/// <summary>
/// The confidentiality check, end to end: SpanDSP faxes pages to Faxgate, the received pages and the fax as
/// PDF and TIFF are stored for the number's account (and for the server until delivery), a document is queued for
/// sending, a backup is taken; then no piece of any of that content is found in clear (or hex, or base64, or inside
/// the backup's compression) in any table, in any file under the data folder, or in the backup. The account's archive
/// opens with its password and not without it.
/// </summary>
public sealed class ConfidentialityTests
{
    private const string Login = "owner@acme.example";
    private const string Password = "correct horse battery";
    private static readonly Argon2Parameters Cheap = new(MemoryKiB: 1024, Iterations: 1);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task No_received_or_queued_content_is_readable_at_rest_and_only_the_account_opens_its_archive(string provider)
    {
        string data = Repository.NewScratchDirectory("confidentiality");
        StorageOptions options = TestDatabases.Create(provider, data);
        try
        {
            Database database = await Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None);
            using ServerKey key = ServerKey.Load(options, data);
            var documents = new DocumentStore(database, key, new DocumentStoreOptions { ChunkBytes = 4096 });
            var accounts = new AccountStore(database, Cheap, key);
            long account = await accounts.CreateAsync("acme", "Acme Ltd", Login, Password, "test", CancellationToken.None);

            // Received: pages of a real T.38 call from SpanDSP, stored as they would be for Fax2Email.
            BilevelPage[] sent = [TestPages.Document(1728, 2200, seed: 41), TestPages.Document(1728, 2200, seed: 42)];
            List<BilevelPage> received = ReceiveFromSpanDsp(sent, data);
            Assert.Equal(sent.Length, received.Count);
            var plaintexts = new Dictionary<long, byte[]>();
            foreach (BilevelPage page in received)
            {
                byte[] tiff = TiffWriter.Write([page], new TiffWriteOptions { Scheme = CodingScheme.Mmr });
                plaintexts[await documents.PutAsync(tiff, new DocumentMetadata(DocumentKinds.Page, "image/tiff", account), DocumentHolders.Both, CancellationToken.None)] = tiff;
            }

            byte[] pdf = PdfWriter.Write(received);
            plaintexts[await documents.PutAsync(pdf, new DocumentMetadata(DocumentKinds.Pdf, "application/pdf", account), DocumentHolders.Both, CancellationToken.None)] = pdf;

            // Queued: a document waiting to be faxed, readable by the server only, with its send job.
            byte[] marker = PlaintextScan.NewPattern("EMAIL2FAX-SECRET");
            byte[] outgoing = [.. Encoding.ASCII.GetBytes("%PDF-1.4 customer letter "), .. marker, .. RandomNumberGenerator.GetBytes(3000)];
            long queued = await documents.PutAsync(outgoing, new DocumentMetadata(DocumentKinds.Source, "application/pdf", account), DocumentHolders.Server, CancellationToken.None);
            await new JobQueue(database).EnqueueAsync(new JobRequest { Kind = "send", Payload = $"document {queued}", IdempotencyKey = $"send:{queued}" }, CancellationToken.None);

            string backup = Path.Combine(data, "backups", "now.fgbackup");
            Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
            await BackupWriter.WriteAsync(database, backup, CancellationToken.None);

            var patterns = new List<(string What, byte[] Bytes)> { ("queued document marker", marker) };
            foreach ((long id, byte[] content) in plaintexts)
            {
                patterns.AddRange(Slices(content).Select(slice => ($"document {id} bytes", slice)));
            }

            patterns.AddRange(Slices(received[0].ToArray()).Select(slice => ("page pixels", slice)));
            foreach ((string what, byte[] pattern) in patterns)
            {
                Assert.Empty(await PlaintextScan.DatabaseAsync(database, pattern));
                Assert.Empty(PlaintextScan.Files(data, pattern));
                Assert.False(PlaintextScan.Backup(backup, pattern), $"{what} is in the backup in clear");
            }

            // The scan itself finds plaintext where there is some.
            Assert.True(PlaintextScan.Backup(backup, Encoding.ASCII.GetBytes("faxgate-backup")) || PlaintextScan.Backup(backup, Encoding.ASCII.GetBytes("document_chunks")));

            // Only the account holder opens the archive.
            Assert.Null(await accounts.UnlockAsync(Login, "wrong password", CancellationToken.None));
            using AccountKey? opened = await accounts.UnlockAsync(Login, Password, CancellationToken.None);
            Assert.NotNull(opened);
            foreach ((long id, byte[] content) in plaintexts)
            {
                Assert.Equal(content, await documents.ReadForAccountAsync(id, opened, CancellationToken.None));
                Assert.True(await documents.ReleaseServerKeyAsync(id, CancellationToken.None));
                await Assert.ThrowsAsync<DocumentUnavailableException>(() => documents.ReadForServerAsync(id, CancellationToken.None));
                Assert.Equal(content, await documents.ReadForAccountAsync(id, opened, CancellationToken.None));
            }

            Assert.Equal(outgoing, await documents.ReadForServerAsync(queued, CancellationToken.None));
            await Assert.ThrowsAsync<DocumentUnavailableException>(() => documents.ReadForAccountAsync(queued, opened, CancellationToken.None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    /// <summary>Three 32-byte pieces of content varied enough (at least 12 distinct bytes) that no filler could match them.</summary>
    private static IEnumerable<byte[]> Slices(byte[] content)
    {
        var slices = new List<byte[]>();
        for (int start = content.Length / 4; start + 32 <= content.Length && slices.Count < 3; start += Math.Max(32, content.Length / 5))
        {
            int at = start;
            while (at + 32 <= content.Length && content.AsSpan(at, 32).ToArray().Distinct().Count() < 12)
            {
                at += 7;
            }

            if (at + 32 <= content.Length)
            {
                slices.Add(content.AsSpan(at, 32).ToArray());
            }
        }

        Assert.NotEmpty(slices);
        return slices;
    }

    private static List<BilevelPage> ReceiveFromSpanDsp(BilevelPage[] pages, string scratch)
    {
        T30Session session = T30Session.ForReceiving(new T30Options { Ident = "Faxgate", Ecm = true, Compressions = new HashSet<CodingScheme> { CodingScheme.Mh, CodingScheme.Mmr } });
        var terminal = new T38Terminal(session, new T38TerminalOptions());
        using var spandsp = new SpanDspT38Terminal(calling: true, new SpanDspT38Options { Ecm = true, Compressions = SpanDspCompressions.Mh | SpanDspCompressions.Mmr });
        string tx = Path.Combine(scratch, "..", $"spandsp-tx-{Guid.NewGuid():N}.tif");
        TiffWriter.Write(tx, pages, new TiffWriteOptions { Scheme = CodingScheme.Mmr });
        try
        {
            spandsp.SetTxFile(tx);
            using var call = new SpanDspCall(terminal, spandsp);
            Assert.True(call.Run(TimeSpan.FromMinutes(6)), $"the call did not end: {session.Outcome}");
            Assert.True(session.Outcome is { Succeeded: true }, $"Faxgate: {session.Outcome}; SpanDSP: {spandsp.CompletionText}");
            return [.. call.Events.OfType<PageReceived>().Select(page => page.Page)];
        }
        finally
        {
            File.Delete(tx);
        }
    }
}
