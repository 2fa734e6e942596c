using Dapper;
using Faxgate.Storage.Queue;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Queue;

/// <summary>A fresh migrated database of one engine with a queue on it, dropped again at the end of the test.</summary>
internal sealed class QueueDatabase : IAsyncDisposable
{
    private QueueDatabase(StorageOptions options, Database database, JobQueue queue)
    {
        Options = options;
        Database = database;
        Queue = queue;
    }

    public StorageOptions Options { get; }

    public Database Database { get; }

    public JobQueue Queue { get; }

    public static async Task<QueueDatabase> OpenAsync(string provider, TimeProvider time, QueueOptions? queueOptions = null)
    {
        StorageOptions options = TestDatabases.Create(provider, Repository.NewScratchDirectory("queue"));
        Database database = await Database.OpenAsync(options, Repository.NewScratchDirectory("data"), time, CancellationToken.None);
        return new QueueDatabase(options, database, new JobQueue(database, queueOptions ?? new QueueOptions { RetryJitter = 0 }));
    }

    /// <summary>Another handle on the same database (as a second server would have), with its own clock.</summary>
    public async Task<JobQueue> OpenAnotherQueueAsync(TimeProvider time, QueueOptions? queueOptions = null)
    {
        Database other = await Database.OpenAsync(Options, Repository.NewScratchDirectory("data"), time, CancellationToken.None);
        return new JobQueue(other, queueOptions ?? Queue.Options);
    }

    public Task<JobInfo> JobAsync(long id) => Queue.GetAsync(id, CancellationToken.None);

    public Task<long> EnqueueAsync(string key, string kind = "test", DateTimeOffset? runAt = null, int? maxAttempts = null) =>
        Queue.EnqueueAsync(new JobRequest { Kind = kind, Payload = $"{{\"id\":\"{key}\"}}", IdempotencyKey = key, RunAt = runAt, MaxAttempts = maxAttempts }, CancellationToken.None);

    public async Task<long> ScalarAsync(string sql, object? parameters = null) =>
        await Database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(sql, parameters), CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        TestDatabases.Drop(Options);
        return ValueTask.CompletedTask;
    }
}
