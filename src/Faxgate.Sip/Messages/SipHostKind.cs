namespace Faxgate.Sip.Messages;

/// <summary>The three forms of RFC 3261 host: hostname, IPv4address, IPv6reference.</summary>
public enum SipHostKind
{
    /// <summary>No host (tel: URIs, and URIs of schemes Faxgate does not know).</summary>
    None = 0,

    Name,

    IPv4,

    /// <summary>An IPv6 reference; <see cref="SipUri.Host"/> keeps its brackets.</summary>
    IPv6,
}
