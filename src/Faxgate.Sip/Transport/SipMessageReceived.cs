using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transport;

/// <summary>A whole, parsed SIP message. A response sent to <see cref="SipTransportEvent.Source"/> reuses the stream connection it came on.</summary>
public sealed record SipMessageReceived(SipMessage Message, SipEndPoint Source, SipEndPoint Local) : SipTransportEvent(Source, Local);
