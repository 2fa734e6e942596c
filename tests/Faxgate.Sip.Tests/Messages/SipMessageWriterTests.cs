using System.Text;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

public sealed class SipMessageWriterTests
{
    [Fact]
    public void Writer_expands_compact_names_writes_the_real_content_length_and_one_header_per_line()
    {
        byte[] input = Encoding.ASCII.GetBytes(
            "MESSAGE sip:%62ob@example.com SIP/2.0\r\nv: SIP/2.0/TCP a.example.com;branch=z9hG4bK1\r\nf: <sip:a@example.com>;tag=1\r\n" +
            "t: <sip:b@example.com>\r\ni: x@y\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nc: text/plain\r\nl: 5\r\n\r\nhello");
        SipMessage message = SipMessageParser.Parse(input);
        string written = Encoding.ASCII.GetString(SipMessageWriter.Write(message));
        Assert.Equal(
            "MESSAGE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP a.example.com;branch=z9hG4bK1\r\nFrom: <sip:a@example.com>;tag=1\r\n" +
            "To: <sip:b@example.com>\r\nCall-ID: x@y\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
            written);
    }

    [Fact]
    public void Built_request_round_trips()
    {
        var request = new SipRequest(
            "REGISTER",
            SipUri.Parse("sip:registrar.example.com;transport=tcp"),
            new SipHeaders(
                ("Via", new Via("TCP", "192.0.2.7", 5060, new SipParameterList([new SipParameter("branch", "z9hG4bKr1"), new SipParameter("rport", null)])).ToString()),
                ("Max-Forwards", "70"),
                ("To", new NameAddress(SipUri.Parse("sip:fax@example.com"), "Fax Gate").ToString()),
                ("From", new NameAddress(SipUri.Parse("sip:fax@example.com")).WithTag("r1").ToString()),
                ("Call-ID", "reg-1@192.0.2.7"),
                ("CSeq", new CSeq(1, "REGISTER").ToString()),
                ("Contact", "<sip:fax@192.0.2.7:5060;transport=tcp>;expires=3600"),
                ("Expires", "3600")));
        SipMessage again = SipMessageParser.Parse(SipMessageWriter.Write(request));
        Assert.Equal(request, again);
        SipRoundTrip.AssertSameValues(request, again);
        Assert.Equal("Fax Gate", again.To!.DisplayName);
        Assert.True(again.TopVia!.HasRport);
        Assert.Equal(3600u, again.Expires);
        Assert.Null(SipRequestValidator.Check((SipRequest)again));
    }
}
