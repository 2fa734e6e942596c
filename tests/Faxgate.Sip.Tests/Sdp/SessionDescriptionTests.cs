using System.Text;
using Faxgate.Sip.Sdp;

namespace Faxgate.Sip.Tests.Sdp;

public sealed class SessionDescriptionTests
{
    [Fact]
    public void Asterisk_audio_offer_parses_into_origin_connection_formats_and_attributes()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.AsteriskAudioOffer);

        Assert.Equal(new SdpOrigin("-", 1234567, 1234567, "IN", "IP4", "192.0.2.10"), sdp.Origin);
        Assert.Equal("Asterisk", sdp.SessionName);
        Assert.Equal("192.0.2.10", sdp.Connection!.Host);
        SdpMedia audio = Assert.Single(sdp.Media);
        Assert.True(audio.IsAudio);
        Assert.True(audio.IsRtpAvp);
        Assert.Equal(10000, audio.Port);
        Assert.Equal(["0", "8", "3", "101"], audio.Formats);
        Assert.Equal("20", audio.AttributeValue("PTIME"));
        Assert.Equal(MediaDirection.SendRecv, sdp.DirectionOf(audio));
        Assert.Equal(8, audio.Attributes.Count);
    }

    [Fact]
    public void Lf_only_line_ends_parse_like_crlf_and_the_output_uses_crlf_only()
    {
        SessionDescription lf = SessionDescription.Parse(SdpSamples.GatewayT38OfferLf);
        SessionDescription crlf = SessionDescription.Parse(SdpSamples.GatewayT38OfferLf.Replace("\n", "\r\n", StringComparison.Ordinal));

        string text = lf.ToString();
        Assert.Equal(crlf.ToString(), text);
        Assert.Equal(SdpSamples.GatewayT38OfferLf.Replace("\n", "\r\n", StringComparison.Ordinal), text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Samples_round_trip_through_the_writer(string sample)
    {
        SessionDescription first = SessionDescription.Parse(sample);
        string written = first.ToString();
        // What is written is the sample with CRLF line ends and no trailing white space.
        string expected = string.Concat(sample.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r', ' ') + "\r\n"));
        Assert.Equal(expected, written);
        Assert.Equal(written, SessionDescription.Parse(Encoding.UTF8.GetBytes(written)).ToString());
    }

    public static TheoryData<string> Samples() => [.. SdpSamples.All];

    [Fact]
    public void Media_level_connection_overrides_the_session_one()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.GatewayT38OfferLf);

        Assert.Equal("203.0.113.8", sdp.ConnectionOf(sdp.Media[0])!.Host);
        Assert.True(sdp.Media[0].IsT38);
    }

    [Fact]
    public void Unknown_and_informational_lines_and_blank_lines_are_skipped()
    {
        const string text =
            "v=0\no=- 5 6 IN IP4 192.0.2.1\ns=call\ni=information\nu=http://example.com/\ne=fax@example.com\n" +
            "p=+1 555 0100\nc=IN IP4 192.0.2.1\nb=CT:64\nt=0 0\nr=7d 1h 0 25h\nz=0 0\nk=clear:x\ny=unknown\n\n" +
            "m=audio 4000/2 RTP/AVP 0\nb=AS:64\na=recvonly\n";

        SessionDescription sdp = SessionDescription.Parse(text);

        Assert.Equal([new SdpBandwidth("CT", 64)], sdp.Bandwidths);
        Assert.Equal(2, sdp.Media[0].PortCount);
        Assert.Equal([new SdpBandwidth("AS", 64)], sdp.Media[0].Bandwidths);
        Assert.Equal(MediaDirection.RecvOnly, sdp.DirectionOf(sdp.Media[0]));
        Assert.Equal(
            "v=0\r\no=- 5 6 IN IP4 192.0.2.1\r\ns=call\r\nc=IN IP4 192.0.2.1\r\nb=CT:64\r\nt=0 0\r\nm=audio 4000/2 RTP/AVP 0\r\nb=AS:64\r\na=recvonly\r\n",
            sdp.ToString());
    }

    [Fact]
    public void A_session_level_direction_applies_to_streams_without_their_own()
    {
        SessionDescription sdp = SessionDescription.Parse(
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\na=sendonly\r\nm=audio 4000 RTP/AVP 8\r\n");

        Assert.Equal(MediaDirection.SendOnly, sdp.DirectionOf(sdp.Media[0]));
        Assert.Null(sdp.Media[0].Direction);
    }

    [Fact]
    public void A_rejected_image_stream_needs_no_connection()
    {
        SessionDescription sdp = SessionDescription.Parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=image 0 UDPTL t38\n");

        Assert.True(sdp.Media[0].IsRejected);
        Assert.True(sdp.Media[0].IsT38);
    }

    [Theory]
    [InlineData("", SdpErrorKind.BadVersion, 1)]
    [InlineData("o=- 1 1 IN IP4 192.0.2.1\n", SdpErrorKind.BadVersion, 1)]
    [InlineData("v=1\n", SdpErrorKind.BadVersion, 1)]
    [InlineData("v=0\ns=-\n", SdpErrorKind.BadOrigin, 2)]
    [InlineData("v=0\no=- 1 IN IP4 192.0.2.1\n", SdpErrorKind.BadOrigin, 2)]
    [InlineData("v=0\no=- x 1 IN IP4 192.0.2.1\n", SdpErrorKind.BadOrigin, 2)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\no=- 1 1 IN IP4 a\n", SdpErrorKind.BadOrigin, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nc=IN IP4\n", SdpErrorKind.BadConnection, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nb=AS\n", SdpErrorKind.BadBandwidth, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nb=AS:-5\n", SdpErrorKind.BadBandwidth, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nc=IN IP4 a\nm=audio abc RTP/AVP 0\n", SdpErrorKind.BadMedia, 4)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nc=IN IP4 a\nm=audio 70000 RTP/AVP 0\n", SdpErrorKind.BadMedia, 4)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nc=IN IP4 a\nm=audio 4000/0 RTP/AVP 0\n", SdpErrorKind.BadMedia, 4)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nc=IN IP4 a\nm=audio\n", SdpErrorKind.BadMedia, 4)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\ngarbage\n", SdpErrorKind.MalformedLine, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nA=b\n", SdpErrorKind.MalformedLine, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\ns=a\0b\n", SdpErrorKind.InvalidCharacter, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\ns=a\rb\n", SdpErrorKind.InvalidCharacter, 3)]
    [InlineData("v=0\no=- 1 1 IN IP4 a\nt=0 0\nm=image 4000 udptl t38\n", SdpErrorKind.MissingConnection, 4)]
    public void Malformed_descriptions_give_a_typed_error_on_the_right_line(string text, SdpErrorKind kind, int line)
    {
        Assert.False(SessionDescription.TryParse(text, out SessionDescription? sdp, out SdpError error));
        Assert.Null(sdp);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(line, error.Line);
        Assert.InRange(error.Offset, 0, Encoding.UTF8.GetByteCount(text));
        Assert.Throws<FormatException>(() => SessionDescription.Parse(text));
    }

    [Fact]
    public void The_error_offset_points_at_the_offending_byte_or_line()
    {
        Assert.Equal(new SdpError(SdpErrorKind.InvalidCharacter, 3, 25), ErrorOf("v=0\no=- 1 1 IN IP4 a\ns=ab\0\n"));
        Assert.Equal(new SdpError(SdpErrorKind.BadConnection, 3, 23), ErrorOf("v=0\r\no=- 1 1 IN IP4 a\r\nc=IN\r\n"));
    }

    [Fact]
    public void Limits_are_checked_before_parsing()
    {
        string media = string.Concat(Enumerable.Repeat("m=audio 0 RTP/AVP 0\r\n", 17));
        string head = "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n";

        Assert.Equal(SdpErrorKind.TooLong, ErrorOf(head + new string('a', 20000)).Kind);
        Assert.Equal(SdpErrorKind.TooManyLines, ErrorOf(head + string.Concat(Enumerable.Repeat("a=x\r\n", 300))).Kind);
        Assert.Equal(new SdpError(SdpErrorKind.LineTooLong, 5, head.Length), ErrorOf(head + "a=" + new string('x', 2000) + "\r\n"));
        Assert.Equal(SdpErrorKind.TooManyMedia, ErrorOf(head + media).Kind);
        Assert.Equal(21, ErrorOf(head + media).Line);

        var small = new SdpLimits { MaxLength = 40 };
        Assert.False(SessionDescription.TryParse(Encoding.ASCII.GetBytes(head + "m=audio 0 RTP/AVP 0\r\n"), small, out _, out SdpError tight));
        Assert.Equal(SdpErrorKind.TooLong, tight.Kind);
    }

    [Fact]
    public void Exactly_the_line_limit_parses()
    {
        string head = "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n";
        string body = head + string.Concat(Enumerable.Repeat("a=x\r\n", 252));

        Assert.True(SessionDescription.TryParse(body, out SessionDescription? sdp, out _));
        Assert.Equal(252, sdp.Attributes.Count);
    }

    [Fact]
    public void The_writer_refuses_values_with_line_ends()
    {
        var sdp = new SessionDescription(SdpOrigin.For("192.0.2.1", 1, 1), []) { SessionName = "a\r\nb=c" };

        Assert.Throws<ArgumentException>(sdp.ToString);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_prefix_of_a_sample_parses_or_gives_a_typed_error(string sample)
    {
        byte[] whole = Encoding.UTF8.GetBytes(sample);
        for (int length = 0; length <= whole.Length; length++)
        {
            if (!SessionDescription.TryParse(whole.AsSpan(0, length), out SessionDescription? sdp, out SdpError error))
            {
                Assert.NotEqual(SdpErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, length);
            }
            else
            {
                Assert.True(sdp.Media.Count <= SessionDescription.Parse(whole).Media.Count);
            }
        }
    }

    [Fact]
    public void Trailing_blank_lines_are_tolerated_and_trailing_garbage_is_not()
    {
        Assert.True(SessionDescription.TryParse(SdpSamples.MinimalT38 + "\r\n\r\n  \r\n", out _, out _));
        Assert.Equal(new SdpError(SdpErrorKind.MalformedLine, 7, SdpSamples.MinimalT38.Length), ErrorOf(SdpSamples.MinimalT38 + "\u00ff\u00fe"));
    }

    [Fact]
    public void Session_name_text_is_utf8()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.MinimalT38.Replace("s=-", "s=Fax für Zürich", StringComparison.Ordinal));

        Assert.Equal("Fax für Zürich", sdp.SessionName);
        Assert.Equal(sdp.ToString(), SessionDescription.Parse(sdp.ToBytes()).ToString());
    }

    private static SdpError ErrorOf(string text)
    {
        Assert.False(SessionDescription.TryParse(text, out _, out SdpError error));
        return error;
    }
}
