namespace Faxgate.Sip.Transport;

/// <summary>
/// A message could not be sent: the far end is unreachable, refused the connection, failed the TLS handshake, or did
/// not answer within the connect timeout. The message names the failure and the destination; the transaction that
/// sent the message treats it as a transport error (RFC 3261 section 17.1.4).
/// </summary>
public sealed class SipTransportException : Exception
{
    public SipTransportException(SipTransportFailure failure, SipEndPoint destination, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Destination = destination;
    }

    /// <summary>What went wrong.</summary>
    public SipTransportFailure Failure { get; }

    /// <summary>Where the message was going.</summary>
    public SipEndPoint Destination { get; }
}
