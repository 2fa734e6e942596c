namespace Faxgate.Storage.Queue;

/// <summary>How the job queue retries: attempts, and the exponential back-off between them.</summary>
public sealed record QueueOptions
{
    /// <summary>Claims a job may have before it is dead-lettered, unless its request says otherwise.</summary>
    public int DefaultMaxAttempts { get; init; } = 10;

    /// <summary>The wait after the first failed attempt; each further failure doubles it.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The share of each wait (0 to 1) taken off at random, so that jobs that failed together (a relay that was
    /// down) do not all come back at the same moment. 0 makes the waits exact.
    /// </summary>
    public double RetryJitter { get; init; } = 0.2;

    /// <summary>Throws <see cref="ArgumentException"/> when the options make no sense.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultMaxAttempts, 1, nameof(DefaultMaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseRetryDelay, TimeSpan.Zero, nameof(BaseRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, BaseRetryDelay, nameof(MaxRetryDelay));
        if (RetryJitter is < 0 or > 1 || double.IsNaN(RetryJitter))
        {
            throw new ArgumentOutOfRangeException(nameof(RetryJitter), RetryJitter, "the jitter is a share between 0 and 1");
        }
    }
}
