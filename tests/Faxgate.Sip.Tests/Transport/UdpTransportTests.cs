using System.Net;
using System.Net.Sockets;
using System.Text;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class UdpTransportTests
{
    [Fact]
    public async Task A_request_and_its_response_cross_between_two_layers_unchanged()
    {
        await using SipTransportLayer caller = await StartAsync("udp:127.0.0.1:0");
        await using SipTransportLayer callee = await StartAsync("udp:127.0.0.1:0");
        SipRequest invite = Invite();

        await caller.SendAsync(Listener(callee, SipTransportKind.Udp), invite, CancellationToken.None);
        SipMessageReceived request = await NextMessageAsync(callee);
        Assert.Equal(invite, request.Message);
        // Sent from the listener itself, so rport and received point back at it.
        Assert.Equal(Listener(caller, SipTransportKind.Udp), request.Source);
        Assert.Equal(Listener(callee, SipTransportKind.Udp), request.Local);

        SipResponse ok = Ok((SipRequest)request.Message);
        await callee.SendAsync(request.Source, ok, CancellationToken.None);
        SipMessageReceived response = await NextMessageAsync(caller);
        Assert.Equal(ok, response.Message);
        Assert.Equal(Listener(callee, SipTransportKind.Udp), response.Source);
        Assert.Equal(0, caller.OpenConnections);
    }

    [Fact]
    public async Task A_garbage_datagram_is_reported_and_the_next_one_still_arrives()
    {
        await using SipTransportLayer layer = await StartAsync("udp:127.0.0.1:0");
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] garbage = Encoding.ASCII.GetBytes("this is not SIP\r\n\r\n");

        await peer.SendToAsync(garbage, Listener(layer, SipTransportKind.Udp).Address);
        SipUnparsable unparsable = Assert.IsType<SipUnparsable>(await NextAsync(layer));
        Assert.Equal(garbage, unparsable.Data.ToArray());
        Assert.Equal(SipParseErrorKind.BadStartLine, unparsable.Error.Kind);
        Assert.Equal(peer.LocalEndPoint, unparsable.Source.Address);

        await peer.SendToAsync(Octets(Invite()), Listener(layer, SipTransportKind.Udp).Address);
        Assert.Equal(Invite(), (await NextMessageAsync(layer)).Message);
    }

    [Fact]
    public async Task Keep_alive_datagrams_are_ignored()
    {
        await using SipTransportLayer layer = await StartAsync("udp:127.0.0.1:0");
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        IPEndPoint target = Listener(layer, SipTransportKind.Udp).Address;

        await peer.SendToAsync("\r\n\r\n"u8.ToArray(), target);
        await peer.SendToAsync("\r\n"u8.ToArray(), target);
        await peer.SendToAsync(Array.Empty<byte>(), target);
        await peer.SendToAsync(Octets(Invite(callId: "after-keep-alives")), target);

        SipMessageReceived first = await NextMessageAsync(layer);
        Assert.Equal("after-keep-alives", first.Message.CallId);
    }

    [Fact]
    public async Task A_send_to_a_closed_port_does_not_stop_the_receive_loop()
    {
        await using SipTransportLayer layer = await StartAsync("udp:127.0.0.1:0");
        await using SipTransportLayer other = await StartAsync("udp:127.0.0.1:0");
        var nowhere = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, ClosedPort()));

        // The ICMP port unreachable that comes back must not end the listener.
        await layer.SendAsync(nowhere, Invite(), CancellationToken.None);
        await layer.SendAsync(nowhere, Invite(), CancellationToken.None);
        await other.SendAsync(Listener(layer, SipTransportKind.Udp), Invite(callId: "still-listening"), CancellationToken.None);

        Assert.Equal("still-listening", (await NextMessageAsync(layer)).Message.CallId);
    }

    [Fact]
    public async Task Sending_over_udp_without_a_listener_of_that_family_is_a_transport_error()
    {
        await using SipTransportLayer layer = await StartAsync("tcp:127.0.0.1:0");
        var destination = SipEndPoint.Parse("udp:127.0.0.1:5060");

        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await layer.SendAsync(destination, Invite(), CancellationToken.None));
        Assert.Equal(SipTransportFailure.NoListener, error.Failure);
        Assert.Equal(destination, error.Destination);
    }
}
