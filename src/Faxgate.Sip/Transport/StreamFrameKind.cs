namespace Faxgate.Sip.Transport;

/// <summary>What the next octets of a stream hold.</summary>
internal enum StreamFrameKind
{
    /// <summary>Not enough octets yet to tell; nothing consumed.</summary>
    Incomplete,

    /// <summary>A whole SIP message.</summary>
    Message,

    /// <summary>A CRLFCRLF keep-alive ping (RFC 5626 section 3.5.1), to be answered with CRLF.</summary>
    Ping,

    /// <summary>A line end outside a message: a keep-alive pong or a stray CRLF before a start line (RFC 3261 section 7.5).</summary>
    Skip,

    /// <summary>Not a SIP message; the stream's framing is lost.</summary>
    Invalid,
}
