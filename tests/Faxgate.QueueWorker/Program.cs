using System.Globalization;
using Dapper;
using Faxgate.Storage;
using Faxgate.Storage.Queue;

// A worker process for the queue's failover test: runs "failover" jobs from a shared database until its standard
// input closes. Each job's handler pretends to work for a few milliseconds, then records (idempotency key, worker)
// in the test's table failover_log inside the completion's transaction, so the table shows every completion that
// committed and who made it.
//
// usage: Faxgate.QueueWorker PROVIDER CONNECTION-STRING WORKER-NAME LEASE-SECONDS [SLOTS] [WORK-MS]
if (args.Length is < 4 or > 6)
{
    Console.Error.WriteLine("usage: Faxgate.QueueWorker PROVIDER CONNECTION-STRING WORKER-NAME LEASE-SECONDS [SLOTS] [WORK-MS]");
    return 2;
}

string worker = args[2];
var storage = new StorageOptions { Provider = args[0], ConnectionString = args[1] };
var lease = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
int slots = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
int workMs = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 5;

Database database = await Database.OpenAsync(storage, Path.GetTempPath(), TimeProvider.System, CancellationToken.None);
var queue = new JobQueue(database, new QueueOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(1) });
var handler = new FailoverHandler(worker, workMs);
var runner = new JobRunner(queue, [handler], new JobRunnerOptions
{
    Owner = worker,
    Slots = slots,
    LeaseDuration = lease,
    PollInterval = TimeSpan.FromMilliseconds(50),
});

using var stop = new CancellationTokenSource();
Task running = runner.RunAsync(stop.Token);
Console.WriteLine($"ready {worker} pid {Environment.ProcessId}");
while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
{
}

await stop.CancelAsync();
await running.ConfigureAwait(false);
Console.WriteLine($"stopped {worker}");
return 0;

/// <summary>The failover test's job: a little work, then one row in failover_log committed with the completion.</summary>
internal sealed class FailoverHandler(string worker, int workMs) : IJobHandler
{
    public string Kind => "failover";

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(workMs, cancellationToken).ConfigureAwait(false);
        string key = context.IdempotencyKey;
        return JobResult.Done((connection, transaction) => connection.ExecuteAsync(
            "INSERT INTO failover_log (idempotency_key, worker) VALUES (@key, @worker)", new { key, worker }, transaction));
    }
}
