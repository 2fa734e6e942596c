namespace Faxgate.Sip.Transport;

/// <summary>The SIP transports Faxgate speaks (RFC 3261 section 18).</summary>
public enum SipTransportKind
{
    /// <summary>Datagrams; the transaction layer retransmits.</summary>
    Udp,

    /// <summary>A byte stream framed by Content-Length.</summary>
    Tcp,

    /// <summary>TCP inside TLS (RFC 3261 section 26.2).</summary>
    Tls,
}
