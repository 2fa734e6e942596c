namespace Faxgate.Storage.Queue;

/// <summary>
/// Does the work of one kind of job for <see cref="JobRunner"/>. A handler must be idempotent: a job may run again
/// after a crash or a lost lease, so external effects are checked and recorded through the context's effect ledger,
/// and database effects go into the completion's transaction (<see cref="JobResult.Done(Func{System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task})"/>).
/// </summary>
public interface IJobHandler
{
    /// <summary>The job kind this handler runs.</summary>
    string Kind { get; }

    /// <summary>
    /// Runs one attempt. <paramref name="cancellationToken"/> fires when the lease is lost or the runner stops: stop
    /// then, without further effects. Throwing <see cref="JobFailedException"/> fails the attempt as it says; any other
    /// exception fails it retryably with its message.
    /// </summary>
    Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken);
}
