using Faxgate.Storage.Queue;
using Faxgate.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Faxgate.Storage.Tests.Queue;

public sealed class FencedLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private static FakeTimeProvider NewClock() => new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_worker_whose_lease_expired_and_was_claimed_again_changes_nothing(string provider)
    {
        FakeTimeProvider time = NewClock();
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, time);
        long id = await db.EnqueueAsync("job");
        JobLease old = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await db.Queue.RenewAsync(old, Lease, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(await db.Queue.ClaimAsync("b", Lease, 1, null, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));

        JobLease taken = Assert.Single(await db.Queue.ClaimAsync("b", Lease, 1, null, CancellationToken.None));
        Assert.Equal((id, 2, "b"), (taken.JobId, taken.Attempt, taken.Owner));
        Assert.NotEqual(old.Token, taken.Token);
        bool sideEffect = false;
        Assert.False(await db.Queue.RenewAsync(old, Lease, CancellationToken.None));
        Assert.False(await db.Queue.CompleteAsync(old, (_, _) => { sideEffect = true; return Task.CompletedTask; }, CancellationToken.None));
        Assert.Equal(JobFailure.LeaseLost, await db.Queue.FailAsync(old, "late", retryable: false, CancellationToken.None));
        Assert.False(await db.Queue.TryRecordEffectAsync(old, "email", CancellationToken.None));
        Assert.False(sideEffect);

        JobInfo job = await db.JobAsync(id);
        Assert.Equal((JobStates.Running, "b", 2, null), (job.State, job.LeaseOwner, job.Attempts, job.LastError));
        Assert.Equal(taken.ExpiresAt.ToUnixTimeMilliseconds(), job.LeaseExpiresAt);
        Assert.False(await db.Queue.HasEffectAsync("job", "email", CancellationToken.None));

        Assert.True(await db.Queue.CompleteAsync(taken, null, CancellationToken.None));
        Assert.Equal(JobStates.Done, (await db.JobAsync(id)).State);
        Assert.False(await db.Queue.CompleteAsync(taken, null, CancellationToken.None));
        Assert.False(await db.Queue.RenewAsync(taken, Lease, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Completing_commits_the_handlers_own_write_with_it(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, NewClock());
        long id = await db.EnqueueAsync("job");
        JobLease lease = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Queue.CompleteAsync(lease, async (connection, transaction) =>
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO audit_log (at, actor, action, subject) VALUES (1, 'h', 'sent', 'x')", transaction: transaction);
            throw new InvalidOperationException("handler's write failed half-way");
        }, CancellationToken.None));
        Assert.Equal(JobStates.Running, (await db.JobAsync(id)).State);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM audit_log"));

        Assert.True(await db.Queue.CompleteAsync(lease, (connection, transaction) =>
            Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO audit_log (at, actor, action, subject) VALUES (1, 'h', 'sent', 'x')", transaction: transaction), CancellationToken.None));
        JobInfo done = await db.JobAsync(id);
        Assert.Equal(JobStates.Done, done.State);
        Assert.NotNull(done.FinishedAt);
        Assert.Null(done.LeaseExpiresAt);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM audit_log"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Retryable_failures_back_off_exponentially_up_to_the_cap(string provider)
    {
        FakeTimeProvider time = NewClock();
        var options = new QueueOptions { BaseRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(3), RetryJitter = 0 };
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, time, options);
        long id = await db.EnqueueAsync("job", maxAttempts: 6);
        foreach (int seconds in (int[])[30, 60, 120, 180, 180])
        {
            JobLease lease = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
            Assert.Equal(JobFailure.Retrying, await db.Queue.FailAsync(lease, $"relay down {lease.Attempt}", retryable: true, CancellationToken.None));
            JobInfo job = await db.JobAsync(id);
            Assert.Equal((JobStates.Queued, lease.Attempt, $"relay down {lease.Attempt}"), (job.State, job.Attempts, job.LastError));
            Assert.Equal(time.GetUtcNow().AddSeconds(seconds).ToUnixTimeMilliseconds(), job.RunAt);

            time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            Assert.Empty(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        JobLease last = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
        Assert.Equal(6, last.Attempt);
        Assert.Equal(JobFailure.Dead, await db.Queue.FailAsync(last, "relay down", retryable: true, CancellationToken.None));
        JobInfo dead = await db.JobAsync(id);
        Assert.Equal(JobStates.Dead, dead.State);
        Assert.StartsWith("relay down (attempt 6 of 6", dead.LastError, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_non_retryable_failure_dead_letters_at_once_keeping_at_most_1024_characters(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, NewClock());
        long id = await db.EnqueueAsync("job");
        JobLease lease = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
        Assert.Equal(JobFailure.Dead, await db.Queue.FailAsync(lease, "550 no such user " + new string('x', 3000), retryable: false, CancellationToken.None));
        JobInfo job = await db.JobAsync(id);
        Assert.Equal((JobStates.Dead, 1), (job.State, job.Attempts));
        Assert.Equal(1024, job.LastError!.Length);
        Assert.StartsWith("550 no such user", job.LastError, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_job_whose_leases_keep_expiring_is_dead_lettered_after_its_last_attempt(string provider)
    {
        FakeTimeProvider time = NewClock();
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, time);
        long id = await db.EnqueueAsync("job", maxAttempts: 2);
        long other = await db.EnqueueAsync("other", runAt: time.GetUtcNow().AddSeconds(30));
        Assert.Equal(1, Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None)).Attempt);
        time.Advance(Lease);
        JobLease second = Assert.Single(await db.Queue.ClaimAsync("b", Lease, 1, null, CancellationToken.None));
        Assert.Equal((id, 2), (second.JobId, second.Attempt));
        time.Advance(Lease + TimeSpan.FromSeconds(10));

        JobLease next = Assert.Single(await db.Queue.ClaimAsync("c", Lease, 2, null, CancellationToken.None));
        Assert.Equal(other, next.JobId);
        JobInfo dead = await db.JobAsync(id);
        Assert.Equal((JobStates.Dead, 2), (dead.State, dead.Attempts));
        Assert.Contains("lease of b expired on attempt 2 of 2", dead.LastError, StringComparison.Ordinal);
        Assert.False(await db.Queue.CompleteAsync(second, null, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_effect_ledger_records_each_effect_once_per_idempotency_key_across_attempts(string provider)
    {
        FakeTimeProvider time = NewClock();
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, time);
        await db.EnqueueAsync("fax-7-delivery");
        JobLease first = Assert.Single(await db.Queue.ClaimAsync("a", Lease, 1, null, CancellationToken.None));
        Assert.False(await db.Queue.HasEffectAsync("fax-7-delivery", "email", CancellationToken.None));
        Assert.True(await db.Queue.TryRecordEffectAsync(first, "email", CancellationToken.None));
        Assert.False(await db.Queue.TryRecordEffectAsync(first, "email", CancellationToken.None));
        Assert.True(await db.Queue.HasEffectAsync("fax-7-delivery", "email", CancellationToken.None));
        Assert.False(await db.Queue.HasEffectAsync("fax-7-delivery", "report", CancellationToken.None));
        Assert.False(await db.Queue.HasEffectAsync("fax-8-delivery", "email", CancellationToken.None));
        Assert.Equal(JobFailure.Retrying, await db.Queue.FailAsync(first, "crashed after the email", retryable: true, CancellationToken.None));

        time.Advance(TimeSpan.FromHours(1));
        JobLease retry = Assert.Single(await db.Queue.ClaimAsync("b", Lease, 1, null, CancellationToken.None));
        Assert.True(await db.Queue.HasEffectAsync(retry.IdempotencyKey, "email", CancellationToken.None));
        Assert.False(await db.Queue.TryRecordEffectAsync(retry, "email", CancellationToken.None));
        Assert.True(await db.Queue.TryRecordEffectAsync(retry, "report", CancellationToken.None));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM job_effects"));
    }

    [Fact]
    public void Back_off_jitter_only_shortens_the_wait_by_at_most_its_share()
    {
        var options = new QueueOptions { BaseRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromHours(1), RetryJitter = 0.2 };
        Assert.Equal(TimeSpan.FromSeconds(30), RetryBackoff.Delay(options, 1, 0));
        Assert.Equal(TimeSpan.FromSeconds(24), RetryBackoff.Delay(options, 1, 1));
        Assert.Equal(TimeSpan.FromSeconds(120 * 0.9), RetryBackoff.Delay(options, 3, 0.5));
        Assert.Equal(TimeSpan.FromHours(1), RetryBackoff.Delay(options, 8, 0));
        Assert.Equal(TimeSpan.FromHours(1), RetryBackoff.Delay(options, 500, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueueOptions { RetryJitter = 1.5 }.Validate());
    }
}
