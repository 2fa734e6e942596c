using System.Net;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.Tests.Transport;

public sealed class SipEndPointTests
{
    [Theory]
    [InlineData("udp:127.0.0.1:5060", SipTransportKind.Udp, "127.0.0.1", 5060, "UDP", false)]
    [InlineData("tcp:[::1]:5060", SipTransportKind.Tcp, "::1", 5060, "TCP", true)]
    [InlineData("tls:127.0.0.1:5061", SipTransportKind.Tls, "127.0.0.1", 5061, "TLS", true)]
    [InlineData("udp:0.0.0.0:0", SipTransportKind.Udp, "0.0.0.0", 0, "UDP", false)]
    [InlineData("tcp:[2001:db8::7]:65535", SipTransportKind.Tcp, "2001:db8::7", 65535, "TCP", true)]
    public void Parses_the_written_form_and_writes_it_back(string text, SipTransportKind kind, string address, int port, string via, bool reliable)
    {
        Assert.True(SipEndPoint.TryParse(text, out SipEndPoint endPoint, out string? error), error);
        Assert.Equal(new SipEndPoint(kind, new IPEndPoint(IPAddress.Parse(address), port)), endPoint);
        Assert.Equal(text, endPoint.ToString());
        Assert.Equal(via, endPoint.ViaTransport);
        Assert.Equal(reliable, endPoint.IsReliable);
    }

    [Fact]
    public void The_transport_name_is_read_in_any_case() =>
        Assert.Equal(SipEndPoint.Parse("tcp:10.0.0.1:5060"), SipEndPoint.Parse(" TCP:10.0.0.1:5060 "));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("udp:127.0.0.1", "no port")]
    [InlineData("udp:127.0.0.1:", "no port")]
    [InlineData("tcp:[::1]", "no port")]
    [InlineData("sctp:127.0.0.1:5060", "transport")]
    [InlineData("127.0.0.1:5060", "transport")]
    [InlineData("udp:300.1.1.1:5060", "not an IP address")]
    [InlineData("udp:127.1:5060", "not an IP address")]
    [InlineData("udp:sip.example.com:5060", "not an IP address")]
    [InlineData("tcp:[fe80::zz]:5060", "not an IPv6 address")]
    [InlineData("tcp:[::1:5060", "closing")]
    [InlineData("udp:::1:5060", "brackets")]
    [InlineData("udp:127.0.0.1:65536", "port")]
    [InlineData("udp:127.0.0.1:-1", "port")]
    [InlineData("udp:127.0.0.1:50x", "port")]
    public void Refuses_malformed_text_with_the_reason(string text, string reason)
    {
        Assert.False(SipEndPoint.TryParse(text, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SipEndPoint.Parse(text));
    }
}
