using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

public sealed class SipResponseTests
{
    private static SipRequest Invite() => new(
        "INVITE",
        SipUri.Parse("sip:+27115551234@faxgate.example.com"),
        new SipHeaders(
            ("Via", "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK2d4790.1"),
            ("Via", "SIP/2.0/UDP pc33.example.com;branch=z9hG4bKnashds8;received=192.0.2.1;rport=5062"),
            ("Max-Forwards", "69"),
            ("To", "<sip:+27115551234@faxgate.example.com>"),
            ("From", "\"Fax\" <sip:+27215550000@carrier.example.com>;tag=1928301774"),
            ("Call-ID", "a84b4c76e66710@pc33.example.com"),
            ("CSeq", "314159 INVITE"),
            ("Contact", "<sip:gw@192.0.2.1:5062>"),
            ("Content-Type", "application/sdp")),
        "v=0\r\n"u8.ToArray());

    [Fact]
    public void Response_copies_vias_from_call_id_and_cseq_and_tags_the_to()
    {
        SipRequest request = Invite();
        SipResponse response = SipResponse.For(request, 200, toTag: "as83kd9bs");
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(request.Vias, response.Vias);
        Assert.Equal(request.From, response.From);
        Assert.Equal(request.To!.Uri, response.To!.Uri);
        Assert.Equal("as83kd9bs", response.To.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Empty(response.Contacts);
        Assert.Null(response.ContentType);
        Assert.Equal(0, response.Body.Length);
        Assert.Equal(["Via", "Via", "To", "From", "Call-ID", "CSeq"], response.Headers.Select(h => h.Name));
    }

    [Fact]
    public void An_existing_to_tag_is_kept_and_a_reason_can_be_given()
    {
        SipRequest request = Invite();
        SipRequest inDialog = new("BYE", request.RequestUri, request.Headers.With("To", "<sip:+27115551234@faxgate.example.com>;tag=abc").With("CSeq", "314160 BYE"));
        SipResponse response = SipResponse.For(inDialog, 481, "No Such Call", toTag: "other");
        Assert.Equal("abc", response.To!.Tag);
        Assert.Equal("No Such Call", response.ReasonPhrase);
        Assert.Equal("Request Pending", SipResponse.For(request, 491).ReasonPhrase);
        Assert.Equal("Request Failure", SipResponse.For(request, 499).ReasonPhrase);
    }

    [Fact]
    public void Response_writes_and_parses_back_equal()
    {
        SipResponse response = SipResponse.For(Invite(), 100);
        byte[] written = SipMessageWriter.Write(response);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", System.Text.Encoding.ASCII.GetString(written), StringComparison.Ordinal);
        Assert.Equal(response, SipMessageParser.Parse(written));
    }

    [Fact]
    public void Building_a_message_with_invalid_values_is_our_own_misuse_and_throws()
    {
        Assert.Throws<ArgumentException>(() => new SipResponse(200, "OK", new SipHeaders(("CSeq", "x"))));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SipResponse(700, "No", SipHeaders.Empty));
        Assert.Throws<ArgumentException>(() => new SipRequest("BAD METHOD", SipUri.Parse("sip:a@b"), SipHeaders.Empty));
    }
}
