namespace Faxgate.Storage.Queue;

/// <summary>What <see cref="JobQueue.FailAsync"/> did with a job.</summary>
public enum JobFailure
{
    /// <summary>The caller no longer held the lease: nothing changed.</summary>
    LeaseLost,

    /// <summary>Queued again, to run after the back-off.</summary>
    Retrying,

    /// <summary>Dead-lettered: not retryable, or out of attempts.</summary>
    Dead,
}
