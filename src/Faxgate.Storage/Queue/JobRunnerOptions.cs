namespace Faxgate.Storage.Queue;

/// <summary>How one process runs jobs: its name in leases, how many at once, how long its leases last.</summary>
public sealed record JobRunnerOptions
{
    /// <summary>The lease owner, for operators: the node name, unique among the servers sharing the database.</summary>
    public required string Owner { get; init; }

    /// <summary>Jobs run at the same time.</summary>
    public int Slots { get; init; } = 4;

    /// <summary>
    /// How long a claim lasts without renewal; the runner renews every third of it. A job whose server died is taken
    /// over by another server this long after the last renewal.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the runner waits before looking again when the queue had nothing due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// False (default): claim jobs of every kind, and dead-letter those no handler here knows (every node runs the
    /// same build). True: claim only the kinds of this runner's handlers, leaving others to other runners.
    /// </summary>
    public bool OnlyHandledKinds { get; init; }

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(Slots, 1, nameof(Slots));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseDuration, TimeSpan.FromMilliseconds(30), nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
    }
}
