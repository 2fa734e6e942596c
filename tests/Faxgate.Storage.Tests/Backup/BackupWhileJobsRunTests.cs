using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.Storage.Queue;
using Faxgate.Storage.Tests.Queue;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Backup;

/// <summary>
/// The fallback check: a backup taken while a server works the queue restores into a fresh database, and a
/// server on the restored database completes every job the backup held pending (queued, or running under a lease of a
/// server that is gone), reading each job's encrypted document with the server key, and no job twice.
/// </summary>
public sealed class BackupWhileJobsRunTests
{
    private const int Jobs = 240;
    private const string Kind = "deliver";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_restored_database_completes_the_jobs_that_were_pending_when_it_was_backed_up(string provider)
    {
        string scratch = Repository.NewScratchDirectory("backup-running");
        StorageOptions sourceOptions = TestDatabases.Create(provider, Path.Combine(scratch, "source"));
        StorageOptions targetOptions = TestDatabases.Create(provider, Path.Combine(scratch, "target"));
        using ServerKey key = ServerKey.FromBytes(RandomNumberGenerator.GetBytes(32));
        try
        {
            Database source = await Database.OpenAsync(sourceOptions, Path.Combine(scratch, "source"), TimeProvider.System, CancellationToken.None);
            var sourceQueue = new JobQueue(source);
            var sourceDocuments = new DocumentStore(source, key);
            for (int i = 0; i < Jobs; i++)
            {
                long document = await sourceDocuments.PutAsync(Content(i), new DocumentMetadata(DocumentKinds.Source, "text/plain"), DocumentHolders.Server, CancellationToken.None);
                await sourceQueue.EnqueueAsync(new JobRequest { Kind = Kind, Payload = $"{i} {document}", IdempotencyKey = $"deliver:{i}" }, CancellationToken.None);
            }

            // The first server works the queue; the backup is taken in the middle of it.
            var handledBySource = new ConcurrentBag<string>();
            using var stopSource = new CancellationTokenSource();
            Task sourceRunner = new JobRunner(sourceQueue, [Deliverer(sourceDocuments, handledBySource)], Options("node-a")).RunAsync(stopSource.Token);
            await Eventually.TrueAsync(() => Task.FromResult(handledBySource.Count >= Jobs / 3), Patience, "a third of the jobs is done");
            string backup = Path.Combine(scratch, "running.fgbackup");
            await BackupWriter.WriteAsync(source, backup, CancellationToken.None);

            // The first server is lost with whatever it held: its leases are left to expire.
            await stopSource.CancelAsync();
            await sourceRunner.WaitAsync(Patience);

            Database target = Database.Attach(Database.CreateDialect(targetOptions, Path.Combine(scratch, "target")), TimeProvider.System);
            await BackupRestorer.RestoreAsync(target, backup, CancellationToken.None);
            Dictionary<string, string> restoredStates;
            await using (DbConnection connection = await target.OpenConnectionAsync(CancellationToken.None))
            {
                restoredStates = (await connection.QueryAsync<(string Key, string State)>("SELECT idempotency_key, state FROM jobs")).ToDictionary(row => row.Key, row => row.State);
            }

            Assert.Equal(Jobs, restoredStates.Count);
            int doneAtBackup = restoredStates.Values.Count(state => state == JobStates.Done);
            Assert.InRange(doneAtBackup, 1, Jobs - 1);

            // A server on the restored database finishes the rest, and only the rest.
            var handledByTarget = new ConcurrentBag<string>();
            var targetQueue = new JobQueue(target);
            using var stopTarget = new CancellationTokenSource();
            Task targetRunner = new JobRunner(targetQueue, [Deliverer(new DocumentStore(target, key), handledByTarget)], Options("node-b")).RunAsync(stopTarget.Token);
            await Eventually.TrueAsync(
                async () => await target.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE state <> 'done'"), CancellationToken.None) == 0,
                Patience,
                "every restored job is done");
            await stopTarget.CancelAsync();
            await targetRunner.WaitAsync(Patience);

            string[] pendingAtBackup = [.. restoredStates.Where(pair => pair.Value != JobStates.Done).Select(pair => pair.Key).Order()];
            Assert.Equal(pendingAtBackup, handledByTarget.Order().ToArray());
            long delivered = await target.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT idempotency_key) FROM job_effects WHERE effect = 'delivered'"), CancellationToken.None);
            long effects = await target.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM job_effects WHERE effect = 'delivered'"), CancellationToken.None);
            Assert.Equal(Jobs, delivered);
            Assert.Equal(Jobs, effects);
        }
        finally
        {
            TestDatabases.Drop(sourceOptions);
            TestDatabases.Drop(targetOptions);
        }
    }

    private static byte[] Content(int i) => Encoding.UTF8.GetBytes($"document of job {i}: {new string((char)('a' + (i % 26)), 100 + i)}");

    private static JobRunnerOptions Options(string owner) =>
        new() { Owner = owner, Slots = 3, LeaseDuration = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(20) };

    /// <summary>Reads the job's document as a delivery would, checks it, and records the delivery with the completion.</summary>
    private static DelegateHandler Deliverer(DocumentStore documents, ConcurrentBag<string> handled) => new(Kind, async (context, cancellationToken) =>
    {
        string[] parts = context.Payload.Split(' ');
        byte[] content = await documents.ReadForServerAsync(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        Assert.Equal(Content(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)), content);
        await Task.Delay(5, cancellationToken);
        return JobResult.Done(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO job_effects (idempotency_key, effect, recorded_at) VALUES (@key, 'delivered', 0)", new { key = context.IdempotencyKey }, transaction);
            handled.Add(context.IdempotencyKey);
        });
    });
}
