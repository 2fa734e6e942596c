using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

public sealed class SipHeadersTests
{
    [Theory]
    [InlineData("i", "Call-ID")]
    [InlineData("m", "Contact")]
    [InlineData("e", "Content-Encoding")]
    [InlineData("l", "Content-Length")]
    [InlineData("c", "Content-Type")]
    [InlineData("f", "From")]
    [InlineData("s", "Subject")]
    [InlineData("k", "Supported")]
    [InlineData("t", "To")]
    [InlineData("v", "Via")]
    [InlineData("o", "Event")]
    [InlineData("u", "Allow-Events")]
    [InlineData("MAX-forwards", "Max-Forwards")]
    [InlineData("X-Custom", "X-Custom")]
    public void Compact_forms_and_known_names_take_their_canonical_spelling(string name, string canonical)
    {
        var headers = new SipHeaders((name, "value"));
        Assert.Equal(canonical, headers[0].Name);
        Assert.Equal("value", headers.Get(canonical.ToUpperInvariant()));
    }

    [Fact]
    public void Repeated_lines_keep_their_order_and_can_be_replaced_or_removed()
    {
        var headers = new SipHeaders(("Via", "SIP/2.0/UDP a"), ("To", "<sip:b@c>"), ("v", "SIP/2.0/UDP b, SIP/2.0/UDP c"));
        Assert.Equal(["SIP/2.0/UDP a", "SIP/2.0/UDP b, SIP/2.0/UDP c"], headers.GetAll("via"));
        Assert.Equal(2, headers.CountOf("Via"));
        SipHeaders replaced = headers.With("VIA", "SIP/2.0/TCP d");
        Assert.Equal(["Via", "To"], replaced.Select(h => h.Name));
        Assert.Equal(["To"], headers.Without("v").Select(h => h.Name));
        Assert.Equal(["Via", "To", "Via", "Subject"], headers.Add("s", "hi").Select(h => h.Name));
    }

    [Fact]
    public void A_line_break_or_a_non_token_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SipHeaders(("To", "a\r\nVia: x")));
        Assert.Throws<ArgumentException>(() => new SipHeaders(("Bad Name", "x")));
    }
}
