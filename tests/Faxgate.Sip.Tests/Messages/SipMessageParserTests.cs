using System.Text;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

public sealed class SipMessageParserTests
{
    private const string Options =
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:carol@chicago.example.com>\r\n" +
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710\r\n" +
        "CSeq: 63104 OPTIONS\r\n" +
        "Contact: <sip:alice@pc33.atlanta.example.com>\r\n" +
        "Accept: application/sdp\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static SipParseStatus Stream(string text, SipParserLimits limits, out SipMessage? message, out SipParseError? error) =>
        SipMessageParser.TryParse(Bytes(text), limits, out message, out _, out error);

    [Fact]
    public void A_request_parses_with_its_typed_headers()
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(Bytes(Options)));
        Assert.Equal("OPTIONS", request.Method);
        Assert.Equal("carol", request.RequestUri.User);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal(new CSeq(63104, "OPTIONS"), request.CSeq);
        Assert.Equal("1928301774", request.From!.Tag);
        Assert.Equal(0, request.ContentLength);
        Assert.Null(SipRequestValidator.Check(request));
    }

    [Fact]
    public void Folded_lines_unfold_to_one_space_and_the_writer_never_folds()
    {
        string folded = Options.Replace("Accept: application/sdp", "Subject: one\r\n   two\r\n\tthree", StringComparison.Ordinal);
        SipMessage message = SipMessageParser.Parse(Bytes(folded));
        Assert.Equal("one two three", message.Headers.Get("Subject"));
        Assert.Contains("Subject: one two three\r\n", Encoding.UTF8.GetString(SipMessageWriter.Write(message)), StringComparison.Ordinal);
    }

    [Fact]
    public void Leading_crlfs_are_skipped_and_counted_as_consumed()
    {
        byte[] data = Bytes("\r\n\r\n" + Options);
        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParse(data, out SipMessage? message, out int consumed, out _));
        Assert.Equal(data.Length, consumed);
        Assert.Equal("OPTIONS", ((SipRequest)message!).Method);
        Assert.Equal(SipParseStatus.Incomplete, SipMessageParser.TryParse(Bytes("\r\n\r\n"), out _, out int none, out _));
        Assert.Equal(0, none);
    }

    [Fact]
    public void Stream_waits_for_the_body_the_content_length_announces()
    {
        string withBody = Options.Replace("Content-Length: 0", "Content-Length: 5", StringComparison.Ordinal);
        Assert.Equal(SipParseStatus.Incomplete, Stream(withBody + "abcd", SipParserLimits.Default, out _, out _));
        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParse(Bytes(withBody + "abcdeXYZ"), out SipMessage? message, out int consumed, out _));
        Assert.Equal("abcde"u8.ToArray(), message!.Body.ToArray());
        Assert.Equal(Bytes(withBody).Length + 5, consumed);
    }

    [Fact]
    public void Datagram_without_content_length_takes_the_rest_and_one_with_too_large_a_length_is_invalid()
    {
        string noLength = Options.Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);
        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParseDatagram(Bytes(noLength + "body"), SipParserLimits.Default, out SipMessage? message, out _));
        Assert.Equal("body"u8.ToArray(), message!.Body.ToArray());
        Assert.Equal(SipParseStatus.Invalid, Stream(noLength, SipParserLimits.Default, out _, out SipParseError? missing));
        Assert.Equal(SipParseErrorKind.MissingContentLength, missing!.Kind);

        string tooLong = Options.Replace("Content-Length: 0", "Content-Length: 10", StringComparison.Ordinal);
        Assert.Equal(SipParseStatus.Invalid, SipMessageParser.TryParseDatagram(Bytes(tooLong + "short"), SipParserLimits.Default, out _, out SipParseError? error));
        Assert.Equal(SipParseErrorKind.ContentLengthExceedsDatagram, error!.Kind);
        Assert.Equal("Content-Length", error.Header);
        Assert.Equal(Options.IndexOf("Content-Length", StringComparison.Ordinal), error.Offset);
    }

    [Fact]
    public void Datagram_cut_inside_the_header_section_is_truncated()
    {
        Assert.Equal(SipParseStatus.Invalid, SipMessageParser.TryParseDatagram(Bytes(Options[..60]), SipParserLimits.Default, out _, out SipParseError? error));
        Assert.Equal(SipParseErrorKind.Truncated, error!.Kind);
    }

    [Fact]
    public void Limits_are_checked_before_and_while_parsing()
    {
        Assert.Equal(SipParseErrorKind.MessageTooLarge, Error(new string('A', 200), new SipParserLimits { MaxMessageBytes = 100 }).Kind);
        Assert.Equal(SipParseErrorKind.TooManyHeaders, Error(Options, new SipParserLimits { MaxHeaderCount = 5 }).Kind);
        Assert.Equal(SipParseErrorKind.HeaderLineTooLong, Error(Options, new SipParserLimits { MaxHeaderLineLength = 40 }).Kind);
        Assert.Equal(SipParseErrorKind.BodyTooLarge, Error(Options.Replace("Content-Length: 0", "Content-Length: 100", StringComparison.Ordinal), new SipParserLimits { MaxBodyLength = 99 }).Kind);
        string threeVias = Options.Replace("Max-Forwards", "Via: SIP/2.0/UDP a, SIP/2.0/UDP b\r\nMax-Forwards", StringComparison.Ordinal);
        SipParseError vias = Error(threeVias, new SipParserLimits { MaxViaCount = 2 });
        Assert.Equal(SipParseErrorKind.TooManyVias, vias.Kind);
        Assert.Equal(threeVias.IndexOf("Via: SIP/2.0/UDP a", StringComparison.Ordinal), vias.Offset);
        Assert.Equal(SipParseErrorKind.MessageTooLarge, Error(Options.Replace("Content-Length: 0", "Content-Length: 500", StringComparison.Ordinal), new SipParserLimits { MaxMessageBytes = 600 }).Kind);
    }

    [Theory]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nNoColon\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderLine)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderLine)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nSubject: a\rb\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderLine)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\n folded-start: x\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderLine)]
    [InlineData("OPTIONS sip:a@b\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadStartLine)]
    [InlineData("OPTIONS sip:a@b HTTP/1.1\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadStartLine)]
    [InlineData("OPT IONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadStartLine)]
    [InlineData("SIP/2.0 99 Low\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadStatusCode)]
    [InlineData("SIP/2.0 700 High\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadStatusCode)]
    [InlineData("SIP/2.0 2000 OK\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadStatusCode)]
    [InlineData("SIP/x 200 OK\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadStartLine)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nMax-Forwards: 256\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderValue)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nExpires: 4294967296\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderValue)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: a b\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderValue)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Type: sdp\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderValue)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.BadHeaderValue)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 99999999999\r\n\r\n", SipParseErrorKind.BadHeaderValue)]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\nt: <sip:c@d>\r\nContent-Length: 0\r\n\r\n", SipParseErrorKind.DuplicateHeader)]
    public void Malformed_messages_give_the_matching_error(string text, SipParseErrorKind kind) => Assert.Equal(kind, Error(text, SipParserLimits.Default).Kind);

    [Fact]
    public void An_overlong_line_is_refused_before_the_header_section_ends()
    {
        var limits = new SipParserLimits { MaxHeaderLineLength = 100 };
        byte[] partial = Bytes("OPTIONS sip:a@b SIP/2.0\r\nSubject: " + new string('x', 120));
        Assert.Equal(SipParseStatus.Invalid, SipMessageParser.TryParse(partial, limits, out _, out _, out SipParseError? error));
        Assert.Equal(SipParseErrorKind.HeaderLineTooLong, error!.Kind);
        Assert.Equal(25, error.Offset);

        Assert.Equal(SipParseStatus.Incomplete, SipMessageParser.TryParse(Bytes(new string('x', 100)), limits, out _, out _, out _));
        Assert.Equal(SipParseStatus.Invalid, SipMessageParser.TryParse(Bytes(new string('x', 101)), limits, out _, out _, out SipParseError? startLine));
        Assert.Equal((SipParseErrorKind.HeaderLineTooLong, 0), (startLine!.Kind, startLine.Offset));
    }

    [Fact]
    public void A_stream_that_starts_with_no_start_line_is_refused_without_waiting_for_the_header_section()
    {
        Assert.Equal(SipParseStatus.Incomplete, SipMessageParser.TryParse(Bytes("GET / HTTP/1.1"), out _, out _, out _));
        Assert.Equal(SipParseStatus.Invalid, SipMessageParser.TryParse(Bytes("GET / HTTP/1.1\r\nHost: x\r\n"), out _, out _, out SipParseError? error));
        Assert.Equal((SipParseErrorKind.BadStartLine, 0), (error!.Kind, error.Offset));
        Assert.Equal(SipParseStatus.Invalid, SipMessageParser.TryParse(Bytes("\r\nINVITE <sip:a@b> SIP/2.0\r\n"), out _, out _, out SipParseError? uri));
        Assert.Equal((SipParseErrorKind.BadRequestUri, 9), (uri!.Kind, uri.Offset));
        Assert.Equal(SipParseStatus.Incomplete, SipMessageParser.TryParse(Bytes("SIP/2.0 180 Ringing\r\nVia: "), out _, out _, out _));
    }

    [Fact]
    public void The_sip_version_is_case_insensitive_and_kept_in_upper_case()
    {
        SipMessage message = SipMessageParser.Parse(Bytes(Options.Replace("SIP/2.0\r\nVia", "sip/2.0\r\nVia", StringComparison.Ordinal)));
        Assert.Equal("SIP/2.0", message.Version);
        Assert.Null(SipRequestValidator.Check((SipRequest)message));
        Assert.Equal(200, ((SipResponse)SipMessageParser.Parse(Bytes("Sip/2.0 200 OK\r\nl: 0\r\n\r\n"))).StatusCode);
    }

    [Fact]
    public void A_response_keeps_its_reason_phrase_and_contact_wildcard_is_recognised()
    {
        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(Bytes("SIP/2.0 486 Busy Here\r\nContact: *\r\nExpires: 0\r\nl: 0\r\n\r\n")));
        Assert.Equal(486, response.StatusCode);
        Assert.Equal("Busy Here", response.ReasonPhrase);
        Assert.True(response.ContactIsWildcard);
        Assert.Equal(0u, response.Expires);
    }

    [Fact]
    public void Parsing_a_message_of_twenty_headers_allocates_little()
    {
        string twenty = Options.Replace("Content-Length: 0", string.Concat(Enumerable.Range(0, 10).Select(i => $"X-Extra-{i}: value {i}\r\n")) + "Content-Length: 0", StringComparison.Ordinal);
        byte[] data = Bytes(twenty);
        SipMessageParser.Parse(data);
        long before = GC.GetAllocatedBytesForCurrentThread();
        SipMessageParser.Parse(data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 1, 8 * 1024);
    }

    private static SipParseError Error(string text, SipParserLimits limits)
    {
        Assert.Equal(SipParseStatus.Invalid, Stream(text, limits, out SipMessage? message, out SipParseError? error));
        Assert.Null(message);
        return error!;
    }
}
