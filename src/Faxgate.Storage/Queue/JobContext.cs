namespace Faxgate.Storage.Queue;

/// <summary>One attempt of a job, as its handler sees it: what to work on, and the effect ledger under the lease.</summary>
public sealed class JobContext
{
    private readonly JobQueue _queue;

    public JobContext(JobQueue queue, JobLease lease)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(lease);
        _queue = queue;
        Lease = lease;
    }

    public JobLease Lease { get; }

    public long JobId => Lease.JobId;

    public string Payload => Lease.Payload;

    public string IdempotencyKey => Lease.IdempotencyKey;

    public int Attempt => Lease.Attempt;

    /// <summary>True when an attempt of this job recorded <paramref name="effect"/> already: skip it.</summary>
    public Task<bool> HasEffectAsync(string effect, CancellationToken cancellationToken) =>
        _queue.HasEffectAsync(Lease.IdempotencyKey, effect, cancellationToken);

    /// <summary>Records <paramref name="effect"/> right after it happened (see <see cref="JobQueue.TryRecordEffectAsync"/>).</summary>
    public Task<bool> TryRecordEffectAsync(string effect, CancellationToken cancellationToken) =>
        _queue.TryRecordEffectAsync(Lease, effect, cancellationToken);
}
