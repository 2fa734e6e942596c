namespace Faxgate.Storage.Faxes;

/// <summary>
/// A fax call as it begins (<see cref="FaxStore.StartAsync"/>).
/// </summary>
/// <param name="Direction">One of <see cref="FaxDirections"/>.</param>
/// <param name="LocalNumber">Our number: the called number of a received fax, the caller ID of a sent one (E.164).</param>
/// <param name="RemoteNumber">The far end's number as signalled (the caller ID may be anything, even empty); cut to 64 characters.</param>
/// <param name="AccountId">The account the fax belongs to, when known.</param>
/// <param name="Node">The node handling the call.</param>
public sealed record FaxStart(string Direction, string LocalNumber, string RemoteNumber, long? AccountId, string Node);
