using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transport;

/// <summary>
/// Octets that are not a SIP message. <paramref name="Data"/> holds at most the first <see cref="MaxData"/> octets. On
/// a stream transport the connection is closed after this event, since the framing is lost.
/// </summary>
public sealed record SipUnparsable(SipParseError Error, ReadOnlyMemory<byte> Data, SipEndPoint Source, SipEndPoint Local) : SipTransportEvent(Source, Local)
{
    /// <summary>The most octets an unparsable event carries (64 KiB).</summary>
    public const int MaxData = 64 * 1024;
}
