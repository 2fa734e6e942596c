using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

public sealed class ViaTests
{
    [Fact]
    public void Sent_protocol_sent_by_and_parameters_are_read()
    {
        Via via = Via.Parse("SIP/2.0/TLS client.example.com:5061;branch=z9hG4bK74bf9;received=192.0.2.101;rport=60000;maddr=224.2.0.1;ttl=16");
        Assert.Equal(("SIP/2.0", "TLS", "client.example.com", 5061), (via.Protocol, via.Transport, via.Host, via.Port));
        Assert.Equal("z9hG4bK74bf9", via.Branch);
        Assert.Equal("192.0.2.101", via.Received);
        Assert.True(via.HasRport);
        Assert.Equal(60000, via.Rport);
        Assert.Equal("224.2.0.1", via.Maddr);
        Assert.Equal(16, via.Ttl);
    }

    [Fact]
    public void Rport_without_a_value_and_an_ipv6_sent_by()
    {
        Via via = Via.Parse("SIP/2.0/UDP [2001:db8::1]:5060;rport;branch=z9hG4bKx");
        Assert.Equal("[2001:db8::1]", via.Host);
        Assert.Equal(5060, via.Port);
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
        Assert.Equal(via, Via.Parse(via.ToString()));
    }

    [Theory]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0/UDP host:")]
    [InlineData("SIP/2.0/UDP host:99999")]
    [InlineData("SIP/2.0/UDP host;rport=abc")]
    [InlineData("SIP/2.0/UDP host;ttl=256")]
    [InlineData("SIP/2.0/UDP host;;")]
    public void Malformed_values_do_not_parse(string text) => Assert.Throws<FormatException>(() => Via.Parse(text));
}
