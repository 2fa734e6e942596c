using System.Diagnostics;
using Dapper;
using Faxgate.Storage.Queue;
using Faxgate.TestSupport;
using Xunit.Abstractions;

namespace Faxgate.Storage.Tests.Queue;

/// <summary>
/// Three worker processes share one database and 2,000 jobs; one is killed with SIGKILL while it holds leases. Every
/// job must complete exactly once, and the jobs the dead process held must be finished by the others soon after its
/// leases expire.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Jobs = 2000;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TakeOverMargin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Killing_a_worker_that_holds_leases_loses_no_job_and_runs_none_twice(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System);
        await db.Database.WriteAsync(async (connection, transaction) =>
        {
            // No unique constraint: a job completed twice would show as two rows.
            await connection.ExecuteAsync("CREATE TABLE failover_log (idempotency_key VARCHAR(191) NOT NULL, worker VARCHAR(64) NOT NULL)", transaction: transaction);
            for (int i = 0; i < Jobs; i++)
            {
                await db.Queue.EnqueueAsync(connection, transaction, new JobRequest { Kind = "failover", Payload = $"{{\"n\":{i}}}", IdempotencyKey = $"failover-{i}" }, CancellationToken.None);
            }

            return 0;
        }, CancellationToken.None);

        var stopwatch = Stopwatch.StartNew();
        using WorkerProcess victim = WorkerProcess.Start(db.Options, "victim", Lease);
        using WorkerProcess first = WorkerProcess.Start(db.Options, "survivor-1", Lease);
        using WorkerProcess second = WorkerProcess.Start(db.Options, "survivor-2", Lease);
        WorkerProcess[] workers = [victim, first, second];
        try
        {
            await Task.WhenAll(workers.Select(w => w.Ready)).WaitAsync(Patience);

            // Mid-run: a good share done, and the victim holding leases right now.
            await Eventually.TrueAsync(
                async () => await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'done'") >= Jobs / 5
                    && await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'running' AND lease_owner = 'victim'") > 0,
                Patience,
                "the victim holds leases mid-run");
            long killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            victim.Kill();
            List<long> held = (await db.Database.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM jobs WHERE state = 'running' AND lease_owner = 'victim'"), CancellationToken.None)).AsList();
            long doneAtKill = await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'done'");
            Assert.NotEmpty(held);

            await Eventually.TrueAsync(async () => await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'done'") == Jobs, Patience, "every job is done");
            TimeSpan elapsed = stopwatch.Elapsed;
            Assert.Equal(0, await first.StopAsync(Patience));
            Assert.Equal(0, await second.StopAsync(Patience));

            Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state <> 'done'"));
            long rows = await db.ScalarAsync("SELECT COUNT(*) FROM failover_log");
            long distinct = await db.ScalarAsync("SELECT COUNT(DISTINCT idempotency_key) FROM failover_log");
            long duplicates = rows - distinct;
            Assert.Equal(0, duplicates);
            Assert.Equal(Jobs, rows);
            Assert.Equal(Jobs, await db.ScalarAsync("SELECT COUNT(*) FROM jobs j WHERE EXISTS (SELECT 1 FROM failover_log f WHERE f.idempotency_key = j.idempotency_key)"));

            // The jobs the victim held were finished by the survivors, on a second attempt, within the lease time.
            List<JobInfo> taken = [.. (await db.Queue.ListAsync(new JobFilter { Limit = Jobs }, CancellationToken.None)).Where(j => held.Contains(j.Id))];
            Assert.Equal(held.Count, taken.Count);
            long deadline = killedAt + (long)(Lease + TakeOverMargin).TotalMilliseconds;
            Assert.All(taken, job =>
            {
                Assert.StartsWith("survivor-", job.LeaseOwner, StringComparison.Ordinal);
                Assert.Equal(2, job.Attempts);
                Assert.True(job.FinishedAt <= deadline, $"job {job.Id} finished {job.FinishedAt - killedAt} ms after the kill");
            });
            foreach (string worker in (string[])["victim", "survivor-1", "survivor-2"])
            {
                Assert.True(await db.ScalarAsync("SELECT COUNT(*) FROM failover_log WHERE worker = @worker", new { worker }) > 0, $"{worker} completed no job");
            }

            long slowest = taken.Max(j => j.FinishedAt!.Value) - killedAt;
            output.WriteLine($"{provider}: {Jobs} jobs in {elapsed.TotalSeconds:0.0} s; killed the victim at {doneAtKill} done holding {held.Count} leases; taken over within {slowest} ms of the kill (lease {Lease.TotalSeconds} s); {duplicates} duplicates");
        }
        catch
        {
            foreach (WorkerProcess worker in workers)
            {
                output.WriteLine($"--- {worker.Name}:\n{worker.Output}");
            }

            throw;
        }
    }
}
