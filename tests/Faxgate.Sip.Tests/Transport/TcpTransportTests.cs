using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class TcpTransportTests
{
    [Fact]
    public async Task The_response_goes_back_over_the_connection_the_request_came_on()
    {
        await using SipTransportLayer caller = await StartAsync("tcp:127.0.0.1:0");
        await using SipTransportLayer callee = await StartAsync("tcp:127.0.0.1:0");
        SipRequest invite = Invite("TCP");

        await caller.SendAsync(Listener(callee, SipTransportKind.Tcp), invite, CancellationToken.None);
        SipMessageReceived request = await NextMessageAsync(callee);
        Assert.Equal(invite, request.Message);
        Assert.Equal(SipTransportKind.Tcp, request.Source.Transport);
        Assert.Equal(Listener(callee, SipTransportKind.Tcp), request.Local);

        SipResponse ok = Ok((SipRequest)request.Message);
        await callee.SendAsync(request.Source, ok, CancellationToken.None);
        SipMessageReceived response = await NextMessageAsync(caller);
        Assert.Equal(ok, response.Message);
        Assert.Equal(Listener(callee, SipTransportKind.Tcp), response.Source);
        Assert.Equal(1, caller.OpenConnections);
        Assert.Equal(1, callee.OpenConnections);

        // A second request reuses the caller's connection too.
        await caller.SendAsync(Listener(callee, SipTransportKind.Tcp), Invite("TCP", "second"), CancellationToken.None);
        Assert.Equal("second", (await NextMessageAsync(callee)).Message.CallId);
        Assert.Equal(1, caller.OpenConnections);
        Assert.Equal(1, callee.OpenConnections);
    }

    [Fact]
    public async Task Concurrent_sends_to_a_new_destination_share_one_connection()
    {
        await using SipTransportLayer caller = await StartAsync("tcp:127.0.0.1:0");
        await using SipTransportLayer callee = await StartAsync("tcp:127.0.0.1:0");
        SipEndPoint target = Listener(callee, SipTransportKind.Tcp);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(
            i => caller.SendAsync(target, Invite("TCP", $"call-{i}"), CancellationToken.None).AsTask()));
        var received = new HashSet<string>();
        for (int i = 0; i < 8; i++)
        {
            received.Add((await NextMessageAsync(callee)).Message.CallId!);
        }

        Assert.Equal(8, received.Count);
        Assert.Equal(1, caller.OpenConnections);
        Assert.Equal(1, callee.OpenConnections);
    }

    [Fact]
    public async Task A_message_written_one_octet_at_a_time_is_framed_whole()
    {
        await using SipTransportLayer layer = await StartAsync("tcp:127.0.0.1:0");
        using Socket client = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));
        SipRequest invite = Invite("TCP");

        foreach (byte octet in Octets(invite))
        {
            await client.SendAsync(new[] { octet }, SocketFlags.None);
        }

        SipMessageReceived received = await NextMessageAsync(layer);
        Assert.Equal(invite, received.Message);
        Assert.Equal(client.LocalEndPoint, received.Source.Address);
    }

    [Fact]
    public async Task Two_messages_in_one_write_both_arrive_in_order()
    {
        await using SipTransportLayer layer = await StartAsync("tcp:127.0.0.1:0");
        using Socket client = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));
        SipRequest first = Invite("TCP", "first");
        SipRequest second = Invite("TCP", "second");

        await client.SendAsync(Octets(first).Concat(Octets(second)).ToArray(), SocketFlags.None);

        Assert.Equal(first, (await NextMessageAsync(layer)).Message);
        Assert.Equal(second, (await NextMessageAsync(layer)).Message);
        Assert.Equal(1, layer.OpenConnections);
    }

    [Fact]
    public async Task A_keep_alive_ping_is_answered_with_a_pong_and_otherwise_ignored()
    {
        await using SipTransportLayer layer = await StartAsync("tcp:127.0.0.1:0");
        using Socket client = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));

        await client.SendAsync("\r\n\r\n"u8.ToArray(), SocketFlags.None);
        byte[] pong = new byte[2];
        using (var patience = new CancellationTokenSource(Patience))
        {
            Assert.Equal(2, await client.ReceiveAsync(pong, SocketFlags.None, patience.Token));
        }

        Assert.Equal("\r\n"u8.ToArray(), pong);
        // A lone CRLF (a pong) before a message is skipped too.
        await client.SendAsync(Encoding.ASCII.GetBytes("\r\n").Concat(Octets(Invite("TCP", "after-ping"))).ToArray(), SocketFlags.None);
        Assert.Equal("after-ping", (await NextMessageAsync(layer)).Message.CallId);
    }

    [Fact]
    public async Task A_stream_with_a_bad_message_is_reported_and_closed()
    {
        await using SipTransportLayer layer = await StartAsync("tcp:127.0.0.1:0");
        using Socket client = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));
        byte[] bad = Encoding.ASCII.GetBytes("INVITE sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: c\r\n\r\n");

        await client.SendAsync(bad, SocketFlags.None);

        SipUnparsable unparsable = Assert.IsType<SipUnparsable>(await NextAsync(layer));
        Assert.Equal(SipParseErrorKind.MissingContentLength, unparsable.Error.Kind);
        Assert.Equal(bad, unparsable.Data.ToArray());
        Assert.True(await ClosedByFarEndAsync(client));
        Assert.Equal(0, layer.OpenConnections);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_at_once()
    {
        await using SipTransportLayer layer = await StartAsync(new SipTransportOptions { MaxConnections = 2 }, "tcp:127.0.0.1:0");
        SipEndPoint listener = Listener(layer, SipTransportKind.Tcp);
        using Socket first = await ConnectRawAsync(listener);
        await first.SendAsync(Octets(Invite("TCP", "first")), SocketFlags.None);
        Assert.Equal("first", (await NextMessageAsync(layer)).Message.CallId);
        using Socket second = await ConnectRawAsync(listener);
        await second.SendAsync(Octets(Invite("TCP", "second")), SocketFlags.None);
        Assert.Equal("second", (await NextMessageAsync(layer)).Message.CallId);

        using Socket third = await ConnectRawAsync(listener);
        Assert.True(await ClosedByFarEndAsync(third));
        Assert.Equal(2, layer.OpenConnections);

        // Outbound connections count too.
        var elsewhere = new SipEndPoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, ClosedPort()));
        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await layer.SendAsync(elsewhere, Invite("TCP"), CancellationToken.None));
        Assert.Equal(SipTransportFailure.ConnectionLimit, error.Failure);
    }

    [Fact]
    public async Task Sending_to_a_closed_port_fails_quickly_with_a_transport_error()
    {
        await using SipTransportLayer layer = await StartAsync(new SipTransportOptions { ConnectTimeout = TimeSpan.FromMinutes(1) });
        var nowhere = new SipEndPoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, ClosedPort()));
        var clock = Stopwatch.StartNew();

        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await layer.SendAsync(nowhere, Invite("TCP"), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(SipTransportFailure.Refused, error.Failure);
        Assert.Equal(nowhere, error.Destination);
        Assert.Contains(nowhere.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, layer.OpenConnections);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_closes_the_stream_before_it_ends()
    {
        var options = new SipTransportOptions { Limits = new SipParserLimits { MaxHeaderLineLength = 1024 } };
        await using SipTransportLayer layer = await StartAsync(options, "tcp:127.0.0.1:0");
        using Socket client = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));

        await client.SendAsync(Encoding.ASCII.GetBytes("INVITE sip:x@example.com SIP/2.0\r\nSubject: " + new string('x', 4096)), SocketFlags.None);

        SipUnparsable unparsable = Assert.IsType<SipUnparsable>(await NextAsync(layer));
        Assert.Equal(SipParseErrorKind.HeaderLineTooLong, unparsable.Error.Kind);
        Assert.True(await ClosedByFarEndAsync(client));
    }

    [Fact]
    public async Task Dispose_ends_a_connection_waiting_for_room_in_a_full_event_queue()
    {
        SipTransportLayer layer = await StartAsync(new SipTransportOptions { EventCapacity = 1 }, "tcp:127.0.0.1:0");
        using Socket client = await ConnectRawAsync(Listener(layer, SipTransportKind.Tcp));
        await client.SendAsync(Octets(Invite("TCP", "one")).Concat(Octets(Invite("TCP", "two"))).Concat(Octets(Invite("TCP", "three"))).ToArray(), SocketFlags.None);
        // The first fills the queue; the connection now waits with the second.
        using (var patience = new CancellationTokenSource(Patience))
        {
            Assert.True(await layer.Events.WaitToReadAsync(patience.Token));
        }

        await layer.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(0, layer.RunningTasks);
        Assert.True(await ClosedByFarEndAsync(client));
    }
}
