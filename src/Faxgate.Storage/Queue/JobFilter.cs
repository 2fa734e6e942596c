namespace Faxgate.Storage.Queue;

/// <summary>Which jobs <see cref="JobQueue.ListAsync"/> shows: newest first, optionally of one state or kind.</summary>
public sealed record JobFilter
{
    public string? State { get; init; }

    public string? Kind { get; init; }

    public int Limit { get; init; } = 50;
}
