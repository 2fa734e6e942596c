using System.Text;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

/// <summary>Every RFC 4475 message fed to the stream parser whole, byte by byte, and with trailing data.</summary>
public sealed class Rfc4475FramingTests
{
    private static readonly byte[] Trailing = Encoding.ASCII.GetBytes("OPTIONS sip:next@example.com SIP/2.0\r\nVia: x");

    public static TheoryData<string> All => [.. Rfc4475Messages.All];

    [Theory]
    [MemberData(nameof(All))]
    public void Stream_parse_of_the_whole_message_agrees_with_the_datagram_parse(string name)
    {
        byte[] data = Rfc4475Messages.Load(name);
        SipParseStatus datagram = Rfc4475Messages.ParseDatagram(name, out SipMessage? expected, out SipParseError? datagramError);
        SipParseStatus stream = SipMessageParser.TryParse(data, SipParserLimits.Default, out SipMessage? message, out int consumed, out SipParseError? error);
        switch (name)
        {
            case "clerr":
                // RFC 4475 section 3.1.2.2: on a stream the receiver waits for the rest of the body.
                Assert.Equal(SipParseStatus.Incomplete, stream);
                Assert.Equal(0, consumed);
                return;
            case "inv2543":
                // RFC 3261 section 18.3: Content-Length is mandatory on stream transports.
                Assert.Equal(SipParseStatus.Invalid, stream);
                Assert.Equal(SipParseErrorKind.MissingContentLength, error!.Kind);
                return;
            default:
                Assert.Equal(datagram, stream);
                Assert.Equal(expected, message);
                Assert.Equal(datagramError?.Kind, error?.Kind);
                Assert.InRange(consumed, 0, data.Length);
                if (stream == SipParseStatus.Complete && name != "dblreq")
                {
                    Assert.True(consumed == data.Length || data.AsSpan(consumed).Trim("\r\n"u8).IsEmpty, $"{data.Length - consumed} octets left");
                }

                return;
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Byte_by_byte_the_stream_parser_waits_until_the_end_and_never_completes_early(string name)
    {
        byte[] data = Rfc4475Messages.Load(name);
        SipParseStatus whole = SipMessageParser.TryParse(data, SipParserLimits.Default, out SipMessage? expected, out int wholeConsumed, out SipParseError? wholeError);
        int end = whole == SipParseStatus.Complete ? wholeConsumed : data.Length;
        for (int length = 0; length < end; length++)
        {
            SipParseStatus status = SipMessageParser.TryParse(data.AsSpan(0, length), SipParserLimits.Default, out SipMessage? message, out int consumed, out SipParseError? error);
            Assert.Equal(0, consumed);
            Assert.Null(message);
            if (status == SipParseStatus.Invalid)
            {
                Assert.Equal(SipParseStatus.Invalid, whole);
                Assert.Equal(wholeError!.Kind, error!.Kind);
            }
            else
            {
                Assert.Equal(SipParseStatus.Incomplete, status);
            }
        }

        if (whole == SipParseStatus.Complete)
        {
            Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParse(data.AsSpan(0, end), SipParserLimits.Default, out SipMessage? last, out int lastConsumed, out _));
            Assert.Equal(expected, last);
            Assert.Equal(end, lastConsumed);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Trailing_data_after_a_message_is_left_alone(string name)
    {
        byte[] data = Rfc4475Messages.Load(name);
        SipParseStatus whole = SipMessageParser.TryParse(data, SipParserLimits.Default, out SipMessage? expected, out int consumed, out SipParseError? wholeError);
        byte[] longer = [.. data, .. Trailing];
        SipParseStatus status = SipMessageParser.TryParse(longer, SipParserLimits.Default, out SipMessage? message, out int longerConsumed, out SipParseError? error);
        if (whole == SipParseStatus.Complete)
        {
            Assert.Equal(SipParseStatus.Complete, status);
            Assert.Equal(expected, message);
            Assert.Equal(consumed, longerConsumed);
        }
        else if (whole == SipParseStatus.Invalid)
        {
            Assert.Equal(SipParseStatus.Invalid, status);
            Assert.Equal(wholeError!.Kind, error!.Kind);
        }

        // A datagram with octets after its Content-Length keeps only the declared body.
        if (Rfc4475Messages.ParseDatagram(name, out SipMessage? datagram, out _) == SipParseStatus.Complete && datagram!.ContentLength is not null)
        {
            Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParseDatagram(longer, SipParserLimits.Default, out SipMessage? again, out _));
            Assert.Equal(datagram, again);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void What_parses_writes_canonically_and_parses_back_to_the_same_values(string name)
    {
        if (Rfc4475Messages.ParseDatagram(name, out SipMessage? message, out _) != SipParseStatus.Complete)
        {
            return;
        }

        byte[] written = SipMessageWriter.Write(message!);
        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParse(written, SipParserLimits.Default, out SipMessage? again, out int consumed, out SipParseError? error));
        Assert.True(error is null, error?.ToString());
        Assert.Equal(written.Length, consumed);
        SipRoundTrip.AssertSameValues(message!, again!);
        Assert.Equal(written, SipMessageWriter.Write(again!));
    }
}
