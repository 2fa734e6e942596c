namespace Faxgate.Storage.Faxes;

/// <summary>Which faxes <see cref="FaxStore.ListAsync"/> shows: newest first, optionally of one direction, status or account.</summary>
public sealed record FaxFilter
{
    /// <summary>One of <see cref="FaxDirections"/>, or null for both.</summary>
    public string? Direction { get; init; }

    /// <summary>One of <see cref="FaxStatuses"/>, or null for all.</summary>
    public string? Status { get; init; }

    /// <summary>An account handle (unknown handles are refused), or null for every account and faxes without one.</summary>
    public string? AccountHandle { get; init; }

    public int Limit { get; init; } = 50;
}
