using System.Net.Sockets;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class Ipv6TransportTests
{
    [SkippableTheory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public async Task A_request_and_its_response_cross_over_ipv6_loopback(SipTransportKind kind)
    {
        Skip.IfNot(Socket.OSSupportsIPv6 && HasIpv6Loopback(), "no IPv6 loopback on this machine");
        string transport = kind == SipTransportKind.Udp ? "udp" : "tcp";
        await using SipTransportLayer caller = await StartAsync($"{transport}:[::1]:0", $"{transport}:127.0.0.1:0");
        await using SipTransportLayer callee = await StartAsync($"{transport}:[::1]:0");
        SipEndPoint target = callee.LocalFor(kind, AddressFamily.InterNetworkV6)!.Value;
        SipRequest invite = Invite(transport.ToUpperInvariant());

        await caller.SendAsync(target, invite, CancellationToken.None);
        SipMessageReceived request = await NextMessageAsync(callee);
        Assert.Equal(invite, request.Message);
        Assert.Equal(AddressFamily.InterNetworkV6, request.Source.Address.AddressFamily);

        await callee.SendAsync(request.Source, Ok(invite), CancellationToken.None);
        SipMessageReceived response = await NextMessageAsync(caller);
        Assert.Equal(Ok(invite), response.Message);
        Assert.Equal(target, response.Source);
    }

    private static bool HasIpv6Loopback()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
