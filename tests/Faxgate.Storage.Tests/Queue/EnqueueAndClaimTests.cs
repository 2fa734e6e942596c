using System.Collections.Concurrent;
using Dapper;
using Faxgate.Storage.Queue;
using Faxgate.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Faxgate.Storage.Tests.Queue;

public sealed class EnqueueAndClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Enqueueing_an_existing_idempotency_key_returns_the_existing_job_and_changes_nothing(string provider)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, time);
        long first = await db.Queue.EnqueueAsync(new JobRequest { Kind = "mail", Payload = "{\"fax\":1}", IdempotencyKey = "fax-1-mail" }, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        long again = await db.Queue.EnqueueAsync(
            new JobRequest { Kind = "other", Payload = "{\"fax\":2}", IdempotencyKey = "fax-1-mail", RunAt = time.GetUtcNow().AddHours(1), MaxAttempts = 3 },
            CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM jobs"));
        JobInfo job = await db.JobAsync(first);
        Assert.Equal(("mail", JobStates.Queued, 0, 10), (job.Kind, job.State, job.Attempts, job.MaxAttempts));
        Assert.Equal(time.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds(), job.RunAt);
        IReadOnlyList<JobLease> leases = await db.Queue.ClaimAsync("a", Lease, 5, null, CancellationToken.None);
        Assert.Equal("{\"fax\":1}", Assert.Single(leases).Payload);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_job_enqueued_in_a_caller_transaction_exists_only_if_that_transaction_commits(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System);
        var request = new JobRequest { Kind = "mail", Payload = "{}", IdempotencyKey = "in-tx" };
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.WriteAsync<long>(async (connection, transaction) =>
        {
            await db.Queue.EnqueueAsync(connection, transaction, request, CancellationToken.None);
            throw new InvalidOperationException("the caller's own work failed");
        }, CancellationToken.None));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM jobs"));

        long id = await db.Database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO audit_log (at, actor, action, subject) VALUES (1, 'test', 'own', 'write')", transaction: transaction);
            long first = await db.Queue.EnqueueAsync(connection, transaction, request, CancellationToken.None);
            Assert.Equal(first, await db.Queue.EnqueueAsync(connection, transaction, request, CancellationToken.None));
            return first;
        }, CancellationToken.None);
        Assert.Equal(JobStates.Queued, (await db.JobAsync(id)).State);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'own'"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Claims_take_only_due_jobs_oldest_first_and_count_attempts(string provider)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, time);
        DateTimeOffset now = time.GetUtcNow();
        long later = await db.EnqueueAsync("later", runAt: now.AddSeconds(10));
        long second = await db.EnqueueAsync("second", runAt: now.AddSeconds(-1));
        long first = await db.EnqueueAsync("first", runAt: now.AddSeconds(-2));

        IReadOnlyList<JobLease> leases = await db.Queue.ClaimAsync("node-a", Lease, 10, null, CancellationToken.None);
        Assert.Equal([first, second], leases.Select(l => l.JobId));
        Assert.All(leases, l => Assert.Equal((1, 10, "node-a", now + Lease), (l.Attempt, l.MaxAttempts, l.Owner, l.ExpiresAt)));
        Assert.NotEqual(Guid.Empty, Guid.Parse(leases[0].Token));
        JobInfo running = await db.JobAsync(first);
        Assert.Equal((JobStates.Running, 1, "node-a"), (running.State, running.Attempts, running.LeaseOwner));
        Assert.Empty(await db.Queue.ClaimAsync("node-b", Lease, 10, null, CancellationToken.None));

        time.Advance(TimeSpan.FromMilliseconds(9_999));
        Assert.Empty(await db.Queue.ClaimAsync("node-b", Lease, 10, null, CancellationToken.None));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(later, Assert.Single(await db.Queue.ClaimAsync("node-b", Lease, 10, null, CancellationToken.None)).JobId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Claims_respect_the_batch_size_and_the_kinds_asked_for(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System);
        for (int i = 0; i < 5; i++)
        {
            await db.EnqueueAsync($"mail-{i}", kind: "mail");
            await db.EnqueueAsync($"dial-{i}", kind: "dial");
        }

        IReadOnlyList<JobLease> dials = await db.Queue.ClaimAsync("a", Lease, 3, ["dial"], CancellationToken.None);
        Assert.Equal(3, dials.Count);
        Assert.All(dials, l => Assert.Equal("dial", l.Kind));
        Assert.Empty(await db.Queue.ClaimAsync("a", Lease, 3, [], CancellationToken.None));
        Assert.Equal(7, (await db.Queue.ClaimAsync("a", Lease, 100, ["mail", "dial", "fax"], CancellationToken.None)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_claimers_never_get_the_same_job(string provider)
    {
        const int Jobs = 2000;
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System);
        await db.Database.WriteAsync(async (connection, transaction) =>
        {
            for (int i = 0; i < Jobs; i++)
            {
                await db.Queue.EnqueueAsync(connection, transaction, new JobRequest { Kind = "test", Payload = "{}", IdempotencyKey = $"job-{i}" }, CancellationToken.None);
            }

            return 0;
        }, CancellationToken.None);

        // Eight claimers, each with its own Database (its own connections), as separate servers would be.
        JobQueue[] queues = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => db.OpenAnotherQueueAsync(TimeProvider.System)));
        var claimed = new ConcurrentBag<(long JobId, string Owner)>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] claimers = [.. queues.Select((queue, n) => Task.Run(async () =>
        {
            await go.Task;
            while (true)
            {
                IReadOnlyList<JobLease> leases = await queue.ClaimAsync($"claimer-{n}", TimeSpan.FromMinutes(5), 1 + (n % 4), null, CancellationToken.None);
                if (leases.Count == 0)
                {
                    return;
                }

                foreach (JobLease lease in leases)
                {
                    claimed.Add((lease.JobId, lease.Owner));
                }

                // A moment of "work" between claims, as a worker has: SQLite's lock is not fair, and a claimer that
                // asks again at once could take every job before the others wake.
                await Task.Delay(1);
            }
        }))];
        go.SetResult();
        await Task.WhenAll(claimers);

        Assert.Equal(Jobs, claimed.Count);
        Assert.Equal(Jobs, claimed.Select(c => c.JobId).Distinct().Count());
        Assert.True(claimed.Select(c => c.Owner).Distinct().Count() > 1, "only one claimer got jobs: the test did not race");
        Assert.Equal(Jobs, await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'running' AND attempts = 1"));
    }
}
