namespace Faxgate.Storage.Queue;

/// <summary>
/// A job to enqueue. <see cref="Payload"/> names what the job works on (ids, never content: it is shown to
/// operators). <see cref="IdempotencyKey"/> identifies the piece of work itself: enqueueing the same key twice yields
/// one job, and handlers record their external effects under it so that a retried job never repeats them.
/// </summary>
public sealed record JobRequest
{
    public required string Kind { get; init; }

    public required string Payload { get; init; }

    public required string IdempotencyKey { get; init; }

    /// <summary>The earliest time the job may run; null: now.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>How many times the job may be claimed before it is dead-lettered; null: the queue's default.</summary>
    public int? MaxAttempts { get; init; }
}
