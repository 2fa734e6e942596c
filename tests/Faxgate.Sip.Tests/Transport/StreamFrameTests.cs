using System.Text;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class StreamFrameTests
{
    [Fact]
    public void A_double_line_end_is_a_ping()
    {
        Assert.Equal(StreamFrameKind.Ping, Next("\r\n\r\nINVITE"u8, out int consumed));
        Assert.Equal(4, consumed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\r\n\r")]
    public void The_start_of_a_ping_waits_for_more(string data) =>
        Assert.Equal(StreamFrameKind.Incomplete, Next(Encoding.ASCII.GetBytes(data), out _));

    [Theory]
    [InlineData("\r\nINVITE")]
    [InlineData("\nINVITE")]
    [InlineData("\r\n\n")]
    public void A_line_end_outside_a_ping_is_skipped_one_octet_at_a_time(string data)
    {
        Assert.Equal(StreamFrameKind.Skip, Next(Encoding.ASCII.GetBytes(data), out int consumed));
        Assert.Equal(1, consumed);
    }

    [Fact]
    public void A_message_is_framed_by_its_content_length()
    {
        byte[] octets = Octets(Invite("TCP"));
        byte[] stream = [.. octets, .. "OPTIONS"u8];

        Assert.Equal(StreamFrameKind.Incomplete, StreamFrame.Next(octets.AsSpan(0, octets.Length - 1), SipParserLimits.Default, out _, out _, out _));
        Assert.Equal(StreamFrameKind.Message, StreamFrame.Next(stream, SipParserLimits.Default, out SipMessage? message, out int consumed, out _));
        Assert.Equal(octets.Length, consumed);
        Assert.Equal(Invite("TCP"), message);
    }

    [Fact]
    public void A_message_beyond_the_limits_is_invalid()
    {
        var limits = new SipParserLimits { MaxMessageBytes = 200 };
        Assert.Equal(StreamFrameKind.Invalid, StreamFrame.Next(Octets(Invite("TCP")), limits, out _, out _, out SipParseError? error));
        Assert.NotNull(error);
    }

    private static StreamFrameKind Next(ReadOnlySpan<byte> data, out int consumed) =>
        StreamFrame.Next(data, SipParserLimits.Default, out _, out consumed, out _);
}
