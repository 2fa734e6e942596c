using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

public sealed class SipUriTests
{
    [Fact]
    public void Sip_uri_parts_are_read_and_unescaped()
    {
        SipUri uri = SipUri.Parse("sips:al%69ce:se%63ret@Atlanta.example.com:5061;transport=tls;user=phone;maddr=239.255.255.1;ttl=15;lr;method=INVITE?subject=project%20x&priority=urgent");
        Assert.Equal("sips", uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("Atlanta.example.com", uri.Host);
        Assert.Equal(SipHostKind.Name, uri.HostKind);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tls", uri.Transport);
        Assert.Equal("phone", uri.UserParameter);
        Assert.Equal("239.255.255.1", uri.Maddr);
        Assert.Equal(15, uri.Ttl);
        Assert.True(uri.IsLooseRouting);
        Assert.Equal("INVITE", uri.Method);
        Assert.Equal("project x", uri.Headers.Get("subject"));
        Assert.Equal("urgent", uri.Headers.Get("priority"));
    }

    [Theory]
    [InlineData("sip:192.0.2.4", SipHostKind.IPv4, "192.0.2.4", null)]
    [InlineData("sip:user@[2001:db8::9:1]:5070", SipHostKind.IPv6, "[2001:db8::9:1]", 5070)]
    [InlineData("sip:host.example.com", SipHostKind.Name, "host.example.com", null)]
    [InlineData("sip:256.1.1.1", SipHostKind.Name, "256.1.1.1", null)]
    [InlineData("sip:[::1]", SipHostKind.IPv6, "[::1]", null)]
    [InlineData("sip:[1:2:3:4:5:6:7:8]", SipHostKind.IPv6, "[1:2:3:4:5:6:7:8]", null)]
    [InlineData("sip:[::ffff:192.0.2.1]:5060", SipHostKind.IPv6, "[::ffff:192.0.2.1]", 5060)]
    [InlineData("sip:[fe80::]", SipHostKind.IPv6, "[fe80::]", null)]
    public void Host_forms_are_told_apart(string text, SipHostKind kind, string host, int? port)
    {
        SipUri uri = SipUri.Parse(text);
        Assert.Equal((kind, host, port), (uri.HostKind, uri.Host, uri.Port));
    }

    [Fact]
    public void Tel_uri_keeps_the_number_and_its_parameters()
    {
        SipUri uri = SipUri.Parse("tel:+27-11-555-1234;phone-context=example.com");
        Assert.True(uri.IsTel);
        Assert.Equal("+27-11-555-1234", uri.User);
        Assert.Equal("example.com", uri.Parameters.Get("phone-context"));
        Assert.Equal(SipHostKind.None, uri.HostKind);
        Assert.Equal("tel:+27-11-555-1234;phone-context=example.com", uri.ToString());
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@host:")]
    [InlineData("sip:user@host:70000")]
    [InlineData("sip:user@[::1")]
    [InlineData("sip:user@[not-v6]")]
    [InlineData("sip:user@host;")]
    [InlineData("sip:user@host;=x")]
    [InlineData("sip:user@host;a=")]
    [InlineData("sip:user@host?x")]
    [InlineData("sip:us%zzer@host")]
    [InlineData("sip:user@host name")]
    [InlineData("sip:user@-host")]
    [InlineData("<sip:user@host>")]
    [InlineData("sip:[1:2:3:4:5:6:7]")]
    [InlineData("sip:[1::2::3]")]
    [InlineData("sip:[12345::1]")]
    [InlineData("sip:[:1:2:3:4:5:6:7]")]
    [InlineData("sip:[1::2:]")]
    [InlineData("sip:[::ffff:300.1.1.1]")]
    [InlineData("1sip:user@host")]
    [InlineData("http:")]
    public void Malformed_uris_do_not_parse(string text) => Assert.False(SipUri.TryParse(text, out _));

    [Theory]
    [InlineData("sip:user@example.com")]
    [InlineData("sip:%22user%20name%22@example.com;transport=tcp")]
    [InlineData("sip:user;par=u%40example.net@example.com")]
    [InlineData("sips:[::1]:5061;lr")]
    [InlineData("sip:a@b.c?Route=%3Csip:x.example.com%3E&Subject=hi")]
    [InlineData("http://www.example.com/a?b")]
    public void Uri_written_parses_back_to_the_same_value(string text)
    {
        SipUri uri = SipUri.Parse(text);
        Assert.Equal(uri, SipUri.Parse(uri.ToString()));
    }

    [Fact]
    public void Writing_escapes_what_the_user_part_cannot_hold_and_nothing_else()
    {
        var uri = new SipUri("sip", "a b@c;d", "example.com", 5060, new SipParameterList([new SipParameter("transport", "udp")]));
        Assert.Equal("sip:a%20b%40c;d@example.com:5060;transport=udp", uri.ToString());
    }

    // RFC 3261 section 19.1.4, its examples of equivalent and different URIs.
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp", true)]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5", true)]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5", true)]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com", true)]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x", true)]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP", false)]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060", false)]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp", false)]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting", false)]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off", false)]
    public void Uri_comparison_follows_rfc_3261(string a, string b, bool equivalent)
    {
        Assert.Equal(equivalent, SipUri.Parse(a).IsEquivalentTo(SipUri.Parse(b)));
        Assert.Equal(equivalent, SipUri.Parse(b).IsEquivalentTo(SipUri.Parse(a)));
    }
}
