using Faxgate.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Faxgate.Sip.Transport;

/// <summary>The transport's log lines: one per listener, per connection opened or closed, and per dropped input. Never message content.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SIP listening on {Local}")]
    public static partial void Listening(ILogger logger, SipEndPoint local);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP connection {Remote} opened ({Direction}, local {Local})")]
    public static partial void ConnectionOpened(ILogger logger, SipEndPoint remote, string direction, SipEndPoint local);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP connection {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, SipEndPoint remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP connection from {Remote} refused: {Limit} connections are open")]
    public static partial void ConnectionLimit(ILogger logger, SipEndPoint remote, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP TLS handshake with {Remote} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, SipEndPoint remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "unparsable SIP from {Remote} on {Local}: {Error}")]
    public static partial void Unparsable(ILogger logger, SipEndPoint remote, SipEndPoint local, SipParseError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP receive on {Local} failed, continuing: {Reason}")]
    public static partial void ReceiveFailed(ILogger logger, SipEndPoint local, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP accept on {Local} failed, continuing: {Reason}")]
    public static partial void AcceptFailed(ILogger logger, SipEndPoint local, string reason);
}
