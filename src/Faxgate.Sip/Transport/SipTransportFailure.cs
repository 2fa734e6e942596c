namespace Faxgate.Sip.Transport;

/// <summary>Why a message could not be sent.</summary>
public enum SipTransportFailure
{
    /// <summary>The network said the destination cannot be reached, or the datagram could not leave.</summary>
    Unreachable,

    /// <summary>The destination refused the TCP connection (nothing listens there).</summary>
    Refused,

    /// <summary>The TCP connection (and TLS handshake) did not complete within the connect timeout.</summary>
    Timeout,

    /// <summary>The TLS handshake failed: untrusted certificate, wrong name or no common protocol.</summary>
    TlsFailed,

    /// <summary>The connection broke while the message was written.</summary>
    ConnectionLost,

    /// <summary>No new connection may be opened: the connection limit is reached.</summary>
    ConnectionLimit,

    /// <summary>There is no listener to send from (UDP needs one of the destination's address family).</summary>
    NoListener,

    /// <summary>A listener could not be opened: the address is in use or is not one of this machine's.</summary>
    ListenFailed,

    /// <summary>The transport layer is shutting down.</summary>
    Closed,
}
