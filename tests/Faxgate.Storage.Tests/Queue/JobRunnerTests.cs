using Dapper;
using Faxgate.Storage.Queue;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Queue;

public sealed class JobRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly QueueOptions FastRetries = new() { BaseRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromSeconds(1), RetryJitter = 0 };

    private static JobRunnerOptions Options(string owner, int slots = 3, double leaseSeconds = 2) =>
        new() { Owner = owner, Slots = slots, LeaseDuration = TimeSpan.FromSeconds(leaseSeconds), PollInterval = TimeSpan.FromMilliseconds(20) };

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_runner_completes_retries_and_dead_letters_as_the_handlers_say(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System, FastRetries);
        IJobHandler[] handlers =
        [
            new DelegateHandler("ok", (context, _) => Task.FromResult(JobResult.Done((connection, transaction) =>
                connection.ExecuteAsync("INSERT INTO audit_log (at, actor, action, subject) VALUES (0, 'worker', 'handled', @key)", new { key = context.IdempotencyKey }, transaction)))),
            new DelegateHandler("flaky", (context, _) => context.Attempt < 3
                ? throw new InvalidOperationException($"relay refused attempt {context.Attempt}")
                : Task.FromResult(JobResult.Done())),
            new DelegateHandler("bad", (_, _) => throw new JobFailedException("550 unknown recipient", retryable: false)),
            new DelegateHandler("hopeless", (_, _) => Task.FromResult(JobResult.Retry("still down"))),
            new DelegateHandler("badwrite", (context, _) => Task.FromResult(context.Attempt == 1
                ? JobResult.Done((_, _) => throw new InvalidOperationException("the handler's write failed"))
                : JobResult.Done())),
        ];
        var ids = new Dictionary<string, long>();
        for (int i = 0; i < 10; i++)
        {
            ids[$"ok-{i}"] = await db.EnqueueAsync($"ok-{i}", kind: "ok");
        }

        ids["flaky"] = await db.EnqueueAsync("flaky", kind: "flaky");
        ids["bad"] = await db.EnqueueAsync("bad", kind: "bad");
        ids["hopeless"] = await db.EnqueueAsync("hopeless", kind: "hopeless", maxAttempts: 3);
        ids["unknown"] = await db.EnqueueAsync("unknown", kind: "nobody-handles-this");
        ids["badwrite"] = await db.EnqueueAsync("badwrite", kind: "badwrite");

        using var stop = new CancellationTokenSource();
        Task running = new JobRunner(db.Queue, handlers, Options("node-a")).RunAsync(stop.Token);
        await Eventually.TrueAsync(async () => await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')") == 0, Patience, "every job ended");
        await stop.CancelAsync();
        await running.WaitAsync(Patience);

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(JobStates.Done, (await db.JobAsync(ids[$"ok-{i}"])).State);
        }

        Assert.Equal(10, await db.ScalarAsync("SELECT COUNT(DISTINCT subject) FROM audit_log WHERE action = 'handled'"));
        Assert.Equal(10, await db.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'handled'"));
        JobInfo flaky = await db.JobAsync(ids["flaky"]);
        Assert.Equal((JobStates.Done, 3, "InvalidOperationException: relay refused attempt 2"), (flaky.State, flaky.Attempts, flaky.LastError));
        JobInfo bad = await db.JobAsync(ids["bad"]);
        Assert.Equal((JobStates.Dead, 1, "550 unknown recipient"), (bad.State, bad.Attempts, bad.LastError));
        JobInfo hopeless = await db.JobAsync(ids["hopeless"]);
        Assert.Equal((JobStates.Dead, 3), (hopeless.State, hopeless.Attempts));
        Assert.StartsWith("still down (attempt 3 of 3", hopeless.LastError, StringComparison.Ordinal);
        JobInfo badWrite = await db.JobAsync(ids["badwrite"]);
        Assert.Equal((JobStates.Done, 2, "completing failed: InvalidOperationException: the handler's write failed"), (badWrite.State, badWrite.Attempts, badWrite.LastError));
        JobInfo unknown = await db.JobAsync(ids["unknown"]);
        Assert.Equal((JobStates.Dead, "no handler for job kind 'nobody-handles-this' on node-a"), (unknown.State, unknown.LastError));
    }

    [Fact]
    public async Task An_attempt_whose_lease_cannot_be_renewed_stops_before_the_lease_runs_out()
    {
        // The database is out of reach for the worker: another process holds SQLite's write lock, so every renewal
        // times out. The handler must be told to stop before its 3-second lease runs out and another worker may take
        // the job.
        string data = Repository.NewScratchDirectory("queue-unreachable");
        StorageOptions options = TestDatabases.Create("sqlite", data);
        options.CommandTimeoutSeconds = 1;
        Database database = await Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None);
        var queue = new JobQueue(database);
        await queue.EnqueueAsync(new JobRequest { Kind = "long", Payload = "{}", IdempotencyKey = "unreachable" }, CancellationToken.None);
        var started = new TaskCompletionSource<DateTimeOffset>();
        var stopped = new TaskCompletionSource<DateTimeOffset>();
        IJobHandler handler = new DelegateHandler("long", async (_, token) =>
        {
            started.TrySetResult(DateTimeOffset.UtcNow);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                stopped.TrySetResult(DateTimeOffset.UtcNow);
            }

            return JobResult.Done();
        });
        using var stop = new CancellationTokenSource();
        Task running = new JobRunner(queue, [handler], Options("node-a", slots: 1, leaseSeconds: 3)).RunAsync(stop.Token);
        DateTimeOffset claimed = await started.Task.WaitAsync(Patience);

        await using (var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "faxgate.db")}"))
        {
            await blocker.OpenAsync();
            await using (System.Data.Common.DbTransaction writeLock = await blocker.BeginTransactionAsync(System.Data.IsolationLevel.Serializable))
            {
                await using System.Data.Common.DbCommand take = blocker.CreateCommand();
                take.Transaction = writeLock;
                take.CommandText = "UPDATE nodes SET pid = pid";
                await take.ExecuteNonQueryAsync();
                DateTimeOffset stoppedAt = await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
                Assert.True(stoppedAt - claimed < TimeSpan.FromSeconds(3), $"the handler ran {(stoppedAt - claimed).TotalSeconds:0.0} s on a lease of 3 s");
            }
        }

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_runner_renews_leases_so_a_long_job_is_not_taken_over(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System, FastRetries);
        long id = await db.EnqueueAsync("long", kind: "long");
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        IJobHandler slow = new DelegateHandler("long", async (_, token) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(token);
            return JobResult.Done();
        });
        using var stop = new CancellationTokenSource();
        Task running = new JobRunner(db.Queue, [slow], Options("node-a", leaseSeconds: 3)).RunAsync(stop.Token);
        await started.Task.WaitAsync(Patience);

        // For two lease durations another server keeps trying to claim: the renewals keep the job away from it.
        JobQueue other = await db.OpenAnotherQueueAsync(TimeProvider.System);
        var until = DateTimeOffset.UtcNow.AddSeconds(6);
        while (DateTimeOffset.UtcNow < until)
        {
            Assert.Empty(await other.ClaimAsync("node-b", TimeSpan.FromSeconds(5), 1, null, CancellationToken.None));
            await Task.Delay(50);
        }

        release.SetResult();
        await Eventually.TrueAsync(async () => (await db.JobAsync(id)).State == JobStates.Done, Patience, "the long job is done");
        Assert.Equal(1, (await db.JobAsync(id)).Attempts);
        await stop.CancelAsync();
        await running.WaitAsync(Patience);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_lost_lease_cancels_the_handler_and_its_result_changes_nothing(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System, FastRetries);
        long id = await db.EnqueueAsync("job", kind: "wait");
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        IJobHandler waiting = new DelegateHandler("wait", async (_, token) =>
        {
            started.TrySetResult();
            await using (token.Register(() => cancelled.TrySetResult()))
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return JobResult.Done();
        });
        using var stop = new CancellationTokenSource();
        Task running = new JobRunner(db.Queue, [waiting], Options("node-a", leaseSeconds: 1.5)).RunAsync(stop.Token);
        await started.Task.WaitAsync(Patience);
        await db.Queue.CancelAsync(id, "cli:ops", CancellationToken.None);

        await cancelled.Task.WaitAsync(Patience);
        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        JobInfo job = await db.JobAsync(id);
        Assert.Equal((JobStates.Cancelled, null), (job.State, job.LastError));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Stopping_the_runner_fails_jobs_in_flight_retryably_and_uses_at_most_its_slots(string provider)
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync(provider, TimeProvider.System, FastRetries);
        for (int i = 0; i < 5; i++)
        {
            await db.EnqueueAsync($"job-{i}", kind: "wait");
        }

        int active = 0, mostActive = 0;
        IJobHandler waiting = new DelegateHandler("wait", async (_, token) =>
        {
            int now = Interlocked.Increment(ref active);
            InterlockedMax(ref mostActive, now);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
                return JobResult.Done();
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        });
        using var stop = new CancellationTokenSource();
        Task running = new JobRunner(db.Queue, [waiting], Options("node-a", slots: 2)).RunAsync(stop.Token);
        await Eventually.TrueAsync(async () => await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'running'") == 2, Patience, "two jobs run");
        await Task.Delay(300);
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'running'"));

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        Assert.Equal(2, mostActive);
        Assert.Equal(0, active);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM jobs WHERE state = 'running'"));
        IReadOnlyList<JobInfo> stopped = await db.Queue.ListAsync(new JobFilter { State = JobStates.Queued }, CancellationToken.None);
        Assert.Equal(5, stopped.Count);
        // A stop is not the job's failure: the interrupted jobs are due again at once with no attempt used up.
        Assert.Equal(2, stopped.Count(j => j is { Attempts: 0, LastError: "the worker stopped during the attempt" }));
        Assert.All(stopped, j => Assert.True(j.RunAt <= db.Database.Now));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
