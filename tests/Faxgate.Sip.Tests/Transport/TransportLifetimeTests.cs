using System.Net;
using System.Net.Sockets;
using Faxgate.Sip.Transport;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class TransportLifetimeTests
{
    [Fact]
    public async Task A_udp_and_a_tcp_listener_on_port_zero_share_the_port()
    {
        await using SipTransportLayer layer = await StartAsync("udp:127.0.0.1:0", "tcp:127.0.0.1:0");

        Assert.Equal(2, layer.LocalEndPoints.Count);
        int port = Listener(layer, SipTransportKind.Udp).Address.Port;
        Assert.NotEqual(0, port);
        Assert.Equal(port, Listener(layer, SipTransportKind.Tcp).Address.Port);
        Assert.Equal(SipTransportKind.Udp, layer.LocalEndPoints[0].Transport);
        Assert.Null(layer.LocalFor(SipTransportKind.Udp, AddressFamily.InterNetworkV6));
    }

    [Fact]
    public async Task A_port_in_use_is_refused_with_a_clear_message()
    {
        await using SipTransportLayer first = await StartAsync("tcp:127.0.0.1:0");
        string taken = Listener(first, SipTransportKind.Tcp).ToString();

        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(() => StartAsync("udp:127.0.0.1:0", taken));
        Assert.Equal(SipTransportFailure.ListenFailed, error.Failure);
        Assert.Contains(taken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_udp_port_in_use_is_refused_too()
    {
        await using SipTransportLayer first = await StartAsync("udp:127.0.0.1:0");
        string taken = Listener(first, SipTransportKind.Udp).ToString();

        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(() => StartAsync(taken));
        Assert.Equal(SipTransportFailure.ListenFailed, error.Failure);
    }

    [Fact]
    public async Task Dispose_closes_every_socket_ends_every_loop_and_completes_the_events()
    {
        SipTransportLayer layer = await StartAsync("udp:127.0.0.1:0", "tcp:127.0.0.1:0");
        await using SipTransportLayer peer = await StartAsync("tcp:127.0.0.1:0");
        await peer.SendAsync(Listener(layer, SipTransportKind.Tcp), Invite("TCP"), CancellationToken.None);
        await NextMessageAsync(layer);
        using Socket raw = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));
        Assert.True(layer.RunningTasks > 0);
        IPEndPoint udp = Listener(layer, SipTransportKind.Udp).Address;
        IPEndPoint tcp = Listener(layer, SipTransportKind.Tcp).Address;

        await layer.DisposeAsync();

        Assert.Equal(0, layer.RunningTasks);
        Assert.Equal(0, layer.OpenConnections);
        Assert.True(layer.Events.Completion.IsCompleted);
        Assert.True(await ClosedByFarEndAsync(raw));
        // The listening ports are free again.
        using var udpAgain = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udpAgain.Bind(udp);
        using var tcpAgain = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcpAgain.Bind(tcp);
        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await layer.SendAsync(SipEndPoint.Parse("udp:127.0.0.1:5060"), Invite(), CancellationToken.None));
        Assert.Equal(SipTransportFailure.Closed, error.Failure);
    }

    [Fact]
    public async Task Fifty_callers_in_a_row_each_leave_nothing_running()
    {
        await using SipTransportLayer callee = await StartAsync("tcp:127.0.0.1:0");
        for (int i = 0; i < 50; i++)
        {
            SipTransportLayer caller = await StartAsync();
            await caller.SendAsync(Listener(callee, SipTransportKind.Tcp), Invite("TCP", $"call-{i}"), CancellationToken.None);
            Assert.Equal($"call-{i}", (await NextMessageAsync(callee)).Message.CallId);
            Assert.Equal(1, caller.OpenConnections);

            await caller.DisposeAsync();

            Assert.Equal(0, caller.OpenConnections);
            Assert.Equal(0, caller.RunningTasks);
        }
    }
}
