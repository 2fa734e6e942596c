using System.Net.Sockets;
using Faxgate.Sip.Transport;
using Microsoft.Extensions.Time.Testing;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_connection_without_traffic_for_the_idle_timeout_is_closed()
    {
        var time = new FakeTimeProvider();
        var options = new SipTransportOptions { IdleTimeout = TimeSpan.FromMinutes(1) };
        await using SipTransportLayer layer = await StartAsync(options, time, "tcp:127.0.0.1:0");
        using Socket client = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));
        await client.SendAsync(Octets(Invite("TCP", "first")), SocketFlags.None);
        await NextMessageAsync(layer);

        time.Advance(TimeSpan.FromSeconds(40));
        // Traffic restarts the count.
        await client.SendAsync(Octets(Invite("TCP", "second")), SocketFlags.None);
        await NextMessageAsync(layer);
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(1, layer.OpenConnections);

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await ClosedByFarEndAsync(client));
        Assert.Equal(0, layer.OpenConnections);
    }
}
