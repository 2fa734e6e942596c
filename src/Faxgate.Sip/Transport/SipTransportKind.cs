namespace Faxgate.Sip.Transport;

/// <summary>The transports a SIP message travels on.</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
}
