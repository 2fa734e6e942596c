using System.Data.Common;
using Dapper;
using Faxgate.Storage.Backup;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Backup;

public sealed class BackupConsistencyTests
{
    /// <summary>
    /// A writer keeps committing a fax and its document together while the backup runs; after the backup has read the
    /// faxes table it waits until the writer has committed many more pairs before reading documents. A backup that
    /// read each table at its own moment would hold documents whose fax it does not have.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_backup_taken_while_faxes_and_documents_are_written_holds_one_consistent_moment(string provider)
    {
        string scratch = Repository.NewScratchDirectory("backup-consistent");
        StorageOptions sourceOptions = TestDatabases.Create(provider, Path.Combine(scratch, "a"));
        StorageOptions targetOptions = TestDatabases.Create(provider, Path.Combine(scratch, "b"));
        using var stop = new CancellationTokenSource();
        try
        {
            Database source = await Database.OpenAsync(sourceOptions, Path.Combine(scratch, "a"), TimeProvider.System, CancellationToken.None);
            long committed = 0;
            var progress = new SemaphoreSlim(0);
            Task writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await source.WriteAsync(
                        async (connection, transaction) =>
                        {
                            await connection.ExecuteAsync(
                                "INSERT INTO faxes (direction, status, local_number, remote_number, remote_ident, pages, started_at, node) VALUES ('in', 'received', '+1', '+2', '', 1, 0, 'n')",
                                transaction: transaction);
                            long fax = await connection.ExecuteScalarAsync<long>("SELECT MAX(id) FROM faxes", transaction: transaction);
                            await connection.ExecuteAsync(
                                "INSERT INTO documents (fax_id, kind, media_type, length, chunk_count, created_at) VALUES (@fax, 'received', 'image/tiff', 0, 0, 0)",
                                new { fax },
                                transaction);
                            return fax;
                        },
                        CancellationToken.None);
                    Interlocked.Increment(ref committed);
                    progress.Release();
                }
            });

            for (int i = 0; i < 20; i++)
            {
                Assert.True(await progress.WaitAsync(TimeSpan.FromSeconds(60)), "the writer did not get going");
            }

            long atFaxes = -1;
            long afterWait = -1;
            string file = Path.Combine(scratch, "a.fgbackup");
            await using (FileStream output = File.Create(file))
            {
                await BackupWriter.WriteAsync(
                    source,
                    output,
                    async (table, cancellationToken) =>
                    {
                        if (table != "faxes")
                        {
                            return;
                        }

                        atFaxes = Interlocked.Read(ref committed);
                        while (Interlocked.Read(ref committed) < atFaxes + 25)
                        {
                            Assert.True(await progress.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken), "the writer stopped");
                        }

                        afterWait = Interlocked.Read(ref committed);
                    },
                    CancellationToken.None);
            }

            await stop.CancelAsync();
            await writer;

            Database target = BackupTestData.Attach(targetOptions, Path.Combine(scratch, "b"));
            await BackupRestorer.RestoreAsync(target, file, CancellationToken.None);
            await using DbConnection restored = await target.OpenConnectionAsync(CancellationToken.None);
            long faxes = await restored.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM faxes");
            long documents = await restored.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents");
            long orphans = await restored.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM faxes f WHERE f.id = d.fax_id)");
            Assert.True(afterWait >= atFaxes + 25);
            Assert.Equal(0, orphans);
            Assert.Equal(faxes, documents);
            Assert.InRange(faxes, 20, atFaxes + 1);
            Assert.True(await BackupTestData.CountAsync(source, "faxes") > faxes, "the writer went on after the snapshot");
        }
        finally
        {
            await stop.CancelAsync();
            TestDatabases.Drop(sourceOptions);
            TestDatabases.Drop(targetOptions);
        }
    }
}
