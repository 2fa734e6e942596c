using Faxgate.Storage.Audit;
using Faxgate.Storage.Queue;
using Faxgate.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Faxgate.Storage.Tests.Queue;

public sealed class AdministrationTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private static FakeTimeProvider NewClock() => new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Listing_filters_by_state_and_kind_newest_first(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, NewClock());
        long mail1 = await db.EnqueueAsync("m1", kind: "mail");
        long dial = await db.EnqueueAsync("d1", kind: "dial");
        long mail2 = await db.EnqueueAsync("m2", kind: "mail");
        Assert.Single(await db.Queue.ClaimAsync("node-a", Lease, 1, ["dial"], CancellationToken.None));

        Assert.Equal([mail2, dial, mail1], (await db.Queue.ListAsync(new JobFilter(), CancellationToken.None)).Select(j => j.Id));
        Assert.Equal([mail2, mail1], (await db.Queue.ListAsync(new JobFilter { Kind = "mail" }, CancellationToken.None)).Select(j => j.Id));
        JobInfo running = Assert.Single(await db.Queue.ListAsync(new JobFilter { State = JobStates.Running }, CancellationToken.None));
        Assert.Equal((dial, "node-a", 1), (running.Id, running.LeaseOwner, running.Attempts));
        Assert.Empty(await db.Queue.ListAsync(new JobFilter { State = JobStates.Running, Kind = "mail" }, CancellationToken.None));
        Assert.Single(await db.Queue.ListAsync(new JobFilter { Limit = 1 }, CancellationToken.None));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => db.Queue.ListAsync(new JobFilter { State = "stuck" }, CancellationToken.None));
        Assert.Equal("unknown job state 'stuck': use queued, running, done, dead, cancelled", bad.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Retrying_a_dead_job_queues_it_now_with_all_its_attempts_and_is_audited(string provider)
    {
        FakeTimeProvider time = NewClock();
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, time);
        long id = await db.EnqueueAsync("job", maxAttempts: 1);
        JobLease lease = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
        Assert.Equal(JobFailure.Dead, await db.Queue.FailAsync(lease, "bad address", retryable: false, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => db.Queue.CancelAsync(id + 100, "cli:ops", CancellationToken.None));
        Assert.Equal($"no job {id + 100}", refused.Message);
        time.Advance(TimeSpan.FromMinutes(5));

        JobInfo retried = await db.Queue.RetryAsync(id, "cli:ops", CancellationToken.None);
        Assert.Equal((JobStates.Queued, 0, time.GetUtcNow().ToUnixTimeMilliseconds(), (long?)null), (retried.State, retried.Attempts, retried.RunAt, retried.FinishedAt));
        AuditEntry entry = Assert.Single(await AuditLog.ListAsync(db.Database, 10, CancellationToken.None));
        Assert.Equal(("cli:ops", "job.retry", $"job {id}"), (entry.Actor, entry.Action, entry.Subject));
        Assert.Equal(1, Assert.Single(await db.Queue.ClaimAsync("b", Lease, 1, null, CancellationToken.None)).Attempt);

        var notDead = await Assert.ThrowsAsync<InvalidRequestException>(() => db.Queue.RetryAsync(id, "cli:ops", CancellationToken.None));
        Assert.Equal($"job {id} is running: only dead or cancelled jobs can be retried", notDead.Message);
        await Assert.ThrowsAsync<InvalidRequestException>(() => db.Queue.RetryAsync(id + 1, "cli:ops", CancellationToken.None));
        Assert.Single(await AuditLog.ListAsync(db.Database, 10, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_a_running_job_fences_its_worker_out(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, NewClock());
        long id = await db.EnqueueAsync("job");
        long queued = await db.EnqueueAsync("queued");
        JobLease lease = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
        Assert.Equal(id, lease.JobId);

        Assert.Equal(JobStates.Cancelled, (await db.Queue.CancelAsync(id, "cli:ops", CancellationToken.None)).State);
        Assert.False(await db.Queue.RenewAsync(lease, Lease, CancellationToken.None));
        Assert.False(await db.Queue.CompleteAsync(lease, null, CancellationToken.None));
        Assert.Equal(JobFailure.LeaseLost, await db.Queue.FailAsync(lease, "x", true, CancellationToken.None));
        Assert.Equal(JobStates.Cancelled, (await db.JobAsync(id)).State);
        Assert.Equal(JobStates.Cancelled, (await db.Queue.CancelAsync(queued, "cli:ops", CancellationToken.None)).State);
        Assert.Empty(await db.Queue.ClaimAsync("b", Lease, 5, null, CancellationToken.None));
        var again = await Assert.ThrowsAsync<InvalidRequestException>(() => db.Queue.CancelAsync(id, "cli:ops", CancellationToken.None));
        Assert.Equal($"job {id} is cancelled: only queued, running or dead jobs can be cancelled", again.Message);
        Assert.Equal(["job.cancel", "job.cancel"], (await AuditLog.ListAsync(db.Database, 10, CancellationToken.None)).Select(e => e.Action));

        Assert.Equal(JobStates.Queued, (await db.Queue.RetryAsync(id, "cli:ops", CancellationToken.None)).State);
        JobLease fresh = Assert.Single(await db.Queue.ClaimAsync("b", Lease, 1, null, CancellationToken.None));
        Assert.True(await db.Queue.CompleteAsync(fresh, null, CancellationToken.None));
        var done = await Assert.ThrowsAsync<InvalidRequestException>(() => db.Queue.CancelAsync(id, "cli:ops", CancellationToken.None));
        Assert.Equal($"job {id} is done: only queued, running or dead jobs can be cancelled", done.Message);
    }
}
