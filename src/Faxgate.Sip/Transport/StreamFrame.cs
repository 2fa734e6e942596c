using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transport;

/// <summary>Splits a stream's buffered octets into keep-alives and SIP messages, framed by Content-Length.</summary>
internal static class StreamFrame
{
    private static ReadOnlySpan<byte> PingOctets => "\r\n\r\n"u8;

    public static StreamFrameKind Next(
        ReadOnlySpan<byte> data, SipParserLimits limits, out SipMessage? message, out int consumed, out SipParseError? error)
    {
        message = null;
        error = null;
        consumed = 0;
        if (data.IsEmpty)
        {
            return StreamFrameKind.Incomplete;
        }

        if (data[0] is (byte)'\r' or (byte)'\n')
        {
            if (data.StartsWith(PingOctets))
            {
                consumed = PingOctets.Length;
                return StreamFrameKind.Ping;
            }

            if (PingOctets.StartsWith(data))
            {
                // Perhaps the first half of a ping.
                return StreamFrameKind.Incomplete;
            }

            consumed = 1;
            return StreamFrameKind.Skip;
        }

        return SipMessageParser.TryParse(data, limits, out message, out consumed, out error) switch
        {
            SipParseStatus.Complete => StreamFrameKind.Message,
            SipParseStatus.Incomplete => StreamFrameKind.Incomplete,
            _ => StreamFrameKind.Invalid,
        };
    }
}
