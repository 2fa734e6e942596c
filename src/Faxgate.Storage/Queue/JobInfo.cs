namespace Faxgate.Storage.Queue;

/// <summary>A job as operators see it: metadata only (the payload holds ids, but is not needed to steer the queue).</summary>
public sealed class JobInfo
{
    public long Id { get; set; }

    public string Kind { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public string State { get; set; } = "";

    public long RunAt { get; set; }

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    public string? LeaseOwner { get; set; }

    public long? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? FinishedAt { get; set; }
}
