using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>
/// A message the user agent wants sent, and where. When sending fails the adapter hands it back with
/// <see cref="SipUserAgent.HandleSendFailure"/>, so the transaction (or call) it belongs to learns of it.
/// </summary>
public sealed record SipTransmit(SipMessage Message, SipEndPoint Destination)
{
    internal object? Owner { get; init; }
}
