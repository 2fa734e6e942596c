namespace Faxgate.Storage.Queue;

/// <summary>
/// A claimed job, held by one worker until <see cref="ExpiresAt"/> unless renewed. <see cref="Token"/> is new for
/// every claim: renewing, completing and failing succeed only while the job still carries it, so a worker whose lease
/// expired and whose job was claimed again changes nothing.
/// </summary>
public sealed record JobLease
{
    public required long JobId { get; init; }

    public required string Kind { get; init; }

    public required string Payload { get; init; }

    public required string IdempotencyKey { get; init; }

    /// <summary>This claim's number, from 1; the job is dead-lettered when it fails at <see cref="MaxAttempts"/>.</summary>
    public required int Attempt { get; init; }

    public required int MaxAttempts { get; init; }

    public required string Owner { get; init; }

    public required string Token { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
