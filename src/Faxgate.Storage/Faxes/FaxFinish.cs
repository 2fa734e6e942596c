namespace Faxgate.Storage.Faxes;

/// <summary>
/// How a fax call ended (<see cref="FaxStore.FinishAsync"/>).
/// </summary>
/// <param name="Status">One of <see cref="FaxStatuses.Final"/>: received, sent or failed.</param>
/// <param name="Pages">Pages that went through.</param>
/// <param name="RemoteIdent">The far end's T.30 identification (TSI/CSI), as sent; cut to 32 characters.</param>
/// <param name="OutcomeCode">The numbered outcome from the fax engine's catalogue, if any.</param>
/// <param name="Reason">The outcome in words for people (no fax content); cut to 255 characters.</param>
public sealed record FaxFinish(string Status, int Pages, string RemoteIdent, int? OutcomeCode, string? Reason);
