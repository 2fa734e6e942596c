namespace Faxgate.Storage.Faxes;

/// <summary>One row of the faxes table as read back; times are unix milliseconds.</summary>
public sealed record FaxRecord(
    long Id,
    long? AccountId,
    string? AccountHandle,
    string Direction,
    string Status,
    string LocalNumber,
    string RemoteNumber,
    string RemoteIdent,
    int Pages,
    long StartedAt,
    long? EndedAt,
    int? OutcomeCode,
    string? Reason,
    string Node);
